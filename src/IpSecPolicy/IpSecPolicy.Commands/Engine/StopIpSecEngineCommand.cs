using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Stops the engine of this network namespace cleanly (its SAs are deleted and peers told) and
/// waits until its process has exited. Traffic the policy secures stops flowing: ConfirmImpact High;
/// -Force skips the confirmation.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "IpSecEngine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(EngineStatus))]
public sealed class StopIpSecEngineCommand : EngineCmdlet
{
    /// <summary>How long to wait for the process to exit after it accepted Stop (the engine's own shutdown limit is 30 s).</summary>
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Stop without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the engine's last state (State Stopped) once it has exited.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var client = Control;
        EngineStatus? status;
        try
        {
            status = client.Call<EngineStatus>(ControlCommands.GetEngine);
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        if (status is null)
        {
            return;
        }

        var target = $"engine {status.ProcessId} on {status.InterfaceAlias} (policy {status.Policy ?? "none"})";
        if (!Confirmed(target))
        {
            return;
        }

        try
        {
            status = client.Call<EngineStatus>(ControlCommands.Stop) ?? status;
        }
        catch (ControlException error) when (error.ErrorId is ControlException.EngineNotRunning or ControlException.EngineNotResponding)
        {
            // Gone between the two calls (another Stop, a SIGTERM): waiting below settles it.
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        if (!WaitForExit(status.ProcessId))
        {
            WriteError(new ErrorRecord(new TimeoutException($"Engine {status.ProcessId} accepted Stop but has not exited within {ExitTimeout.TotalSeconds} s."),
                ErrorIds.EngineStopTimeout, ErrorCategory.OperationTimeout, status.ProcessId));
            return;
        }

        WriteVerbose($"Engine {status.ProcessId} on {status.InterfaceAlias} has exited.");
        if (PassThru)
        {
            status.State = EngineState.Stopped;
            WriteObject(status);
        }
    }

    /// <summary>-Force stands in for the confirmation, except that -WhatIf and an explicit -Confirm still rule.</summary>
    private bool Confirmed(string target)
    {
        var bound = MyInvocation.BoundParameters;
        return Force && !bound.ContainsKey("WhatIf") && !bound.ContainsKey("Confirm")
            ? true
            : ShouldProcess(target, "Stop the IpSecPolicy engine");
    }

    private bool WaitForExit(int processId)
    {
        var watch = Stopwatch.StartNew();
        while (IsRunning(processId))
        {
            if (watch.Elapsed > ExitTimeout || Stopping)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
