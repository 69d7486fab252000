using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using IpSecPolicy.Shell;

namespace IpSecPolicy.Commands.Tests;

/// <summary>
/// A runspace with the module loaded (through the project's own host) on a throw-away store of its
/// own, so tests run in parallel without sharing state.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly StringWriter screen = new();
    private readonly Runspace runspace;

    public PowerShellSession()
    {
        StorePath = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-test-{Guid.NewGuid():N}");
        runspace = ScriptRunner.OpenRunspace(new ConsoleHost(screen, screen));
        runspace.SessionStateProxy.SetVariable("IpSecPolicyStore", StorePath);
        // No engine of the host's namespace is ever told to Sync by a test: its own (absent) socket.
        ControlSocketPath = Path.Combine(StorePath + "-engine", "engine.sock");
        runspace.SessionStateProxy.SetVariable("IpSecPolicyControlSocket", ControlSocketPath);
        runspace.SessionStateProxy.SetVariable("ConfirmPreference", "None");
    }

    public string StorePath { get; }

    /// <summary>The control socket the session's engine cmdlets use (nothing listens unless a test starts an engine there).</summary>
    public string ControlSocketPath { get; }

    /// <summary>Runs a script; returns its output and non-terminating errors. Terminating errors throw.</summary>
    public Result Invoke(string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        var output = shell.Invoke().ToList();
        return new Result(output, shell.Streams.Error.ToList(), shell.Streams.Verbose.Select(v => v.Message).ToList(),
            shell.Streams.Warning.Select(w => w.Message).ToList());
    }

    /// <summary>Runs a script and returns what the host printed through the format views.</summary>
    public string Render(string script)
    {
        screen.GetStringBuilder().Clear();
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script).AddCommand("Out-Default");
        shell.Invoke();
        return screen.ToString();
    }

    /// <summary>Runs a script that must fail with one error; returns that error.</summary>
    public ErrorRecord SingleError(string script)
    {
        var result = Invoke(script);
        return Assert.Single(result.Errors);
    }

    public void Dispose()
    {
        runspace.Dispose();
        foreach (var directory in new[] { StorePath, Path.GetDirectoryName(ControlSocketPath)! })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    public sealed record Result(List<PSObject> Output, List<ErrorRecord> Errors, List<string> Verbose, List<string> Warnings)
    {
        public T Single<T>() => (T)Assert.Single(Output).BaseObject;

        public List<T> All<T>() => Output.Select(o => (T)o.BaseObject).ToList();

        public Result Ok()
        {
            Assert.True(Errors.Count == 0, string.Join(Environment.NewLine, Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception.Message}")));
            return this;
        }
    }
}
