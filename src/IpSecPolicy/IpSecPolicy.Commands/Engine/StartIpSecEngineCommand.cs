using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Starts the engine for one adapter in this network namespace, detached from the session, and
/// waits until its control socket answers. The engine reads this session's store unless told
/// otherwise; its console log goes to engine.log in its state directory.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "IpSecEngine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EngineStatus))]
public sealed class StartIpSecEngineCommand : EngineCmdlet
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(InterfaceAliasCompleter))]
    public string InterfaceAlias { get; set; } = string.Empty;

    /// <summary>The store the engine enforces; default: this session's store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StorePath { get; set; }

    /// <summary>The control socket; default: <c>$IpSecPolicyControlSocket</c>, the environment's, or this namespace's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ControlSocket { get; set; }

    /// <summary>The engine's state directory; default: <c>$env:IPSECPOLICY_STATE_DIR</c> or this namespace's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StateDirectory { get; set; }

    /// <summary>The engine to run (its .dll, executable or folder); default: found as EngineLauncher says.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EnginePath { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var socket = ControlSocket is null ? ControlSocketPath : Resolve(ControlSocket);
        var store = StorePath is null ? Store.Directory : Resolve(StorePath);
        var state = StateDirectory is null ? ControlPaths.DefaultStateDirectory : Resolve(StateDirectory);
        var client = new ControlClient(socket);
        if (client.IsEngineRunning())
        {
            var running = TryGetStatus(client);
            WriteError(new ErrorRecord(new InvalidOperationException(
                    $"An IpSecPolicy engine already runs in this network namespace{(running is null ? string.Empty : $" (process {running.ProcessId} on {running.InterfaceAlias})")}, at {socket}. Stop it first with Stop-IpSecEngine."),
                ErrorIds.EngineAlreadyRunning, ErrorCategory.ResourceExists, socket));
            return;
        }

        var engine = EngineLauncher.Find(EnginePath is null ? null : Resolve(EnginePath), out var searched);
        if (engine is null)
        {
            WriteError(new ErrorRecord(new FileNotFoundException(
                    $"The engine (ipsecpolicy-engine) was not found; looked in {searched}. Give -EnginePath or set $env:{EngineLauncher.EnvironmentVariable}."),
                ErrorIds.EngineNotFound, ErrorCategory.ObjectNotFound, EnginePath ?? searched));
            return;
        }

        if (!ShouldProcess(InterfaceAlias, $"Start the IpSecPolicy engine ({engine.EnginePath}) with store {store}"))
        {
            return;
        }

        var log = Path.Combine(state, EngineLauncher.LogFileName);
        var logStart = File.Exists(log) ? new FileInfo(log).Length : 0;
        var arguments = new List<string> { "--interface", InterfaceAlias, "--store", store, "--control-socket", socket, "--state-dir", state };
        WriteVerbose($"Starting {engine.Program} {ProcessArguments.Join(engine.LeadingArguments)} {ProcessArguments.Join(arguments)}; its log: {log}");
        using var process = EngineLauncher.Start(engine, arguments, state);
        var status = WaitUntilAnswering(process, client, log, logStart);
        if (status is null)
        {
            return;
        }

        WriteVerbose($"Engine {status.ProcessId} runs on {status.InterfaceAlias} with policy {status.Policy ?? "(none assigned)"}, {status.FilterCount} effective filters.");
        if (PassThru)
        {
            WriteObject(status);
        }
    }

    /// <summary>The engine's status once its socket answers; null (with an error written) when it exits or times out first.</summary>
    private EngineStatus? WaitUntilAnswering(Process process, ControlClient client, string log, long logStart)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                StartFailed($"The engine exited with code {process.ExitCode} ({Meaning(process.ExitCode)}).{LogTail(log, logStart)}", process.ExitCode);
                return null;
            }

            if (client.IsEngineRunning())
            {
                var status = TryGetStatus(client);
                if (status is not null)
                {
                    return status;
                }
            }

            if (watch.Elapsed > StartTimeout || Stopping)
            {
                // Ours and not answering: it must not linger as a half-started engine holding the socket.
                process.Kill();
                StartFailed($"The engine did not answer on {client.SocketPath} within {StartTimeout.TotalSeconds} s and was stopped.{LogTail(log, logStart)}", process.Id);
                return null;
            }

            Thread.Sleep(100);
        }
    }

    private void StartFailed(string message, object target) =>
        WriteError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.EngineStartFailed, ErrorCategory.OpenError, target));

    private static EngineStatus? TryGetStatus(ControlClient client)
    {
        try
        {
            return client.Call<EngineStatus>(ControlCommands.GetEngine);
        }
        catch (ControlException)
        {
            return null;
        }
    }

    /// <summary>What the engine's exit codes mean (docs/engine.md).</summary>
    private static string Meaning(int exitCode) => exitCode switch
    {
        0 => "stopped",
        1 => "failed",
        2 => "wrong command line",
        3 => "the interface does not exist or is down",
        4 => "the store cannot be read",
        5 => "another engine runs in this namespace",
        6 => "the control socket cannot be created",
        7 => "the state directory cannot be used",
        126 => "the state directory or its log cannot be created",
        127 => "the engine or dotnet was not found",
        _ => "see the engine's log",
    };

    /// <summary>The engine's last words from this start, for the error message.</summary>
    private static string LogTail(string log, long from)
    {
        try
        {
            if (!File.Exists(log))
            {
                return string.Empty;
            }

            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
            var text = new StreamReader(stream).ReadToEnd().Trim();
            var lines = text.Split('\n');
            return text.Length == 0 ? string.Empty : " Its log says: " + string.Join(Environment.NewLine, lines, Math.Max(0, lines.Length - 5), Math.Min(5, lines.Length));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private string Resolve(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
