using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Starting the engine of this network namespace from a cmdlet, as Start-IpSecEngine does and
/// Start-VpnGateway and Connect-VpnGateway do when no engine runs: the paths the engine is given
/// (-StorePath, -ControlSocket, -StateDirectory, resolved against the session's location, else the
/// session's store and socket and the namespace's state directory), finding the engine, starting
/// it detached and waiting until its control socket answers. Failures are written as the
/// cmdlet's errors (EngineNotFound, EngineStartFailed) and answered with null.
/// </summary>
internal sealed class EngineStartup
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly PSCmdlet cmdlet;
    private readonly string? enginePath;

    public EngineStartup(PSCmdlet cmdlet, string sessionStore, string? storePath, string? controlSocket, string? stateDirectory, string? enginePath)
    {
        this.cmdlet = cmdlet;
        ControlSocket = controlSocket is null ? EngineConnection.SocketPath(cmdlet) : Resolve(controlSocket);
        StorePath = storePath is null ? sessionStore : Resolve(storePath);
        StateDirectory = stateDirectory is null ? ControlPaths.DefaultStateDirectory : Resolve(stateDirectory);
        this.enginePath = enginePath is null ? null : Resolve(enginePath);
        Client = new ControlClient(ControlSocket);
    }

    /// <summary>The store the engine is to enforce.</summary>
    public string StorePath { get; }

    public string ControlSocket { get; }

    public string StateDirectory { get; }

    /// <summary>A client of <see cref="ControlSocket"/>.</summary>
    public ControlClient Client { get; }

    /// <summary>The engine to run; null, with EngineNotFound written, when there is none.</summary>
    public EngineCommand? FindEngine()
    {
        var engine = EngineLauncher.Find(enginePath, out var searched);
        if (engine is null)
        {
            cmdlet.WriteError(new ErrorRecord(new FileNotFoundException(
                    $"The engine (ipsecpolicy-engine) was not found; looked in {searched}. Give -EnginePath or set $env:{EngineLauncher.EnvironmentVariable}."),
                ErrorIds.EngineNotFound, ErrorCategory.ObjectNotFound, enginePath ?? searched));
        }

        return engine;
    }

    /// <summary>
    /// Starts <paramref name="engine"/> for <paramref name="interfaceAlias"/> and waits until its
    /// socket answers; its status, or null with EngineStartFailed written when it exits or does not
    /// answer within <see cref="StartTimeout"/> (it is then stopped, so that no half-started engine
    /// holds the socket).
    /// </summary>
    public EngineStatus? Start(EngineCommand engine, string interfaceAlias)
    {
        var log = Path.Combine(StateDirectory, EngineLauncher.LogFileName);
        var logStart = File.Exists(log) ? new FileInfo(log).Length : 0;
        var arguments = new List<string> { "--interface", interfaceAlias, "--store", StorePath, "--control-socket", ControlSocket, "--state-dir", StateDirectory };
        cmdlet.WriteVerbose($"Starting {engine.Program} {ProcessArguments.Join(engine.LeadingArguments)} {ProcessArguments.Join(arguments)}; its log: {log}");
        using var process = EngineLauncher.Start(engine, arguments, StateDirectory);
        var status = WaitUntilAnswering(process, log, logStart);
        if (status is not null)
        {
            cmdlet.WriteVerbose($"Engine {status.ProcessId} runs on {status.InterfaceAlias} with policy {status.Policy ?? "(none assigned)"}, {status.FilterCount} effective filters.");
        }

        return status;
    }

    /// <summary>The engine's status, or null when it does not answer (or refuses).</summary>
    public static EngineStatus? TryGetStatus(ControlClient client)
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

    private EngineStatus? WaitUntilAnswering(Process process, string log, long logStart)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                StartFailed($"The engine exited with code {process.ExitCode} ({Meaning(process.ExitCode)}).{LogTail(log, logStart)}", process.ExitCode);
                return null;
            }

            if (Client.IsEngineRunning())
            {
                var status = TryGetStatus(Client);
                if (status is not null)
                {
                    return status;
                }
            }

            if (watch.Elapsed > StartTimeout || cmdlet.Stopping)
            {
                // Ours and not answering: it must not linger as a half-started engine holding the socket.
                process.Kill();
                StartFailed($"The engine did not answer on {Client.SocketPath} within {StartTimeout.TotalSeconds} s and was stopped.{LogTail(log, logStart)}", process.Id);
                return null;
            }

            Thread.Sleep(100);
        }
    }

    private void StartFailed(string message, object target) =>
        cmdlet.WriteError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.EngineStartFailed, ErrorCategory.OpenError, target));

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

    private string Resolve(string path) => cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
