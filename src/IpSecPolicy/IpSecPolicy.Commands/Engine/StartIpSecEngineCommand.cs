using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Completion;
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
        var startup = new EngineStartup(this, Store.Directory, StorePath, ControlSocket, StateDirectory, EnginePath);
        if (startup.Client.IsEngineRunning())
        {
            var running = EngineStartup.TryGetStatus(startup.Client);
            WriteError(new ErrorRecord(new InvalidOperationException(
                    $"An IpSecPolicy engine already runs in this network namespace{(running is null ? string.Empty : $" (process {running.ProcessId} on {running.InterfaceAlias})")}, at {startup.ControlSocket}. Stop it first with Stop-IpSecEngine."),
                ErrorIds.EngineAlreadyRunning, ErrorCategory.ResourceExists, startup.ControlSocket));
            return;
        }

        var engine = startup.FindEngine();
        if (engine is null)
        {
            return;
        }

        if (!ShouldProcess(InterfaceAlias, $"Start the IpSecPolicy engine ({engine.EnginePath}) with store {startup.StorePath}"))
        {
            return;
        }

        var status = startup.Start(engine, InterfaceAlias);
        if (status is not null && PassThru)
        {
            WriteObject(status);
        }
    }
}
