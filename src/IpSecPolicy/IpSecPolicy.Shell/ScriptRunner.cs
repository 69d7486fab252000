using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;

namespace IpSecPolicy.Shell;

/// <summary>Runs one script in a fresh runspace with the IpSecPolicy module imported.</summary>
public static class ScriptRunner
{
    /// <summary>The module manifest next to this program (the Commands project's output is copied here).</summary>
    public static string ModuleManifest => Path.Combine(AppContext.BaseDirectory, "IpSecPolicy.psd1");

    /// <summary>A runspace on <paramref name="host"/> with the module imported and plain-text output.</summary>
    public static Runspace OpenRunspace(PSHost host)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModuleManifest);
        var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        return runspace;
    }

    /// <summary>
    /// Runs <paramref name="script"/>, printing output and non-terminating errors through the format
    /// views; returns 0, the script's <c>exit</c> code, or 1 on a terminating error.
    /// <paramref name="variables"/> are set in the session first (e.g. $IpSecPolicyStore).
    /// </summary>
    public static int Run(string script, string scriptPath, string[] arguments, TextWriter? output = null, TextWriter? error = null,
        IReadOnlyDictionary<string, object>? variables = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var host = new ConsoleHost(output, error);
        using var runspace = OpenRunspace(host);
        runspace.SessionStateProxy.SetVariable("PSScriptRoot", Path.GetDirectoryName(Path.GetFullPath(scriptPath)));
        foreach (var variable in variables ?? new Dictionary<string, object>())
        {
            runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
        }

        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        ScriptArguments.AddTo(shell, arguments);
        shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        shell.AddCommand("Out-Default");
        try
        {
            shell.Invoke();
        }
        catch (RuntimeException failure)
        {
            var record = failure.ErrorRecord;
            error.WriteLine($"{scriptPath}: {record.Exception.Message}");
            error.WriteLine($"    + FullyQualifiedErrorId : {record.FullyQualifiedErrorId}");
            if (record.InvocationInfo?.PositionMessage is { Length: > 0 } position)
            {
                error.WriteLine(position);
            }

            return 1;
        }

        return host.ExitCode ?? 0;
    }
}
