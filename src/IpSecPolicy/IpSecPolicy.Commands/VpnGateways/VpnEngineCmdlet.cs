using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Engine;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// Base of the VPN gateway and VPN connection cmdlets: they change the store (the settings and
/// the generated policies live there) and then talk to the engine of this namespace, which serves
/// one adapter. What they share: finding the running engine, refusing another adapter than the
/// one it serves, making it re-read the store or starting one, and the status to write, which
/// comes from the engine, or from the store when no engine runs.
/// </summary>
public abstract class VpnEngineCmdlet : EngineCmdlet
{
    /// <summary>
    /// The running engine's status; null when no engine runs. Any other failure to reach it is
    /// written as an error and sets <paramref name="failed"/>.
    /// </summary>
    private protected EngineStatus? RunningEngine(ControlClient client, out bool failed)
    {
        failed = false;
        try
        {
            return client.Call<EngineStatus>(ControlCommands.GetEngine);
        }
        catch (ControlException error) when (error.ErrorId == ControlException.EngineNotRunning)
        {
            return null;
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            failed = true;
            return null;
        }
    }

    /// <summary>
    /// True, with EngineInterfaceMismatch written, when the running engine serves another adapter
    /// than <paramref name="interfaceAlias"/>: an engine is bound to one adapter for its life.
    /// </summary>
    private protected bool ServesOtherAdapter(EngineStatus running, string interfaceAlias)
    {
        if (string.Equals(running.InterfaceAlias, interfaceAlias, StringComparison.Ordinal))
        {
            return false;
        }

        WriteError(new ErrorRecord(new InvalidOperationException(
                $"The IpSecPolicy engine of this network namespace (process {running.ProcessId}) serves {running.InterfaceAlias}, not {interfaceAlias}: "
                + $"an engine serves one adapter. Give -InterfaceAlias {running.InterfaceAlias}, or stop the engine (Stop-IpSecEngine) first. Nothing was changed."),
            ErrorIds.EngineInterfaceMismatch, ErrorCategory.InvalidOperation, interfaceAlias));
        return true;
    }

    /// <summary>
    /// After the store change: the running engine re-reads the store (a warning if it refuses; the
    /// change stands), or <paramref name="engine"/> is started on <paramref name="interfaceAlias"/>.
    /// False when starting failed (the error is written).
    /// </summary>
    private protected bool ApplyToEngine(EngineStartup startup, EngineStatus? running, EngineCommand? engine, string interfaceAlias)
    {
        if (running is not null || engine is null)
        {
            EngineConnection.SyncAfterStoreChange(this, startup.Client, startup.StorePath);
            return true;
        }

        return startup.Start(engine, interfaceAlias) is not null;
    }

    /// <summary>
    /// The gateway as the engine runs it; with no engine, built from <paramref name="store"/>. Null
    /// when the engine refused (written as an error), unless <paramref name="quiet"/>: then the
    /// store's view carries the refusal as its Problem.
    /// </summary>
    private protected VpnGatewayStatus? GatewayStatus(ControlClient client, PolicyStore store, bool quiet = false)
    {
        try
        {
            var status = client.Call<VpnGatewayStatus>(ControlCommands.GetVpnGateway);
            if (status is not null)
            {
                return status;
            }
        }
        catch (ControlException error) when (error.ErrorId == ControlException.EngineNotRunning)
        {
            return VpnStatusFromStore.Gateway(store.Read().VpnGateway, VpnStatusFromStore.EngineNotRunning(client.SocketPath));
        }
        catch (ControlException error) when (quiet)
        {
            return VpnStatusFromStore.Gateway(store.Read().VpnGateway, $"The engine did not answer GetVpnGateway ({error.ErrorId}): {error.Message}");
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
        }

        return null;
    }

    /// <summary>The client connection as the engine runs it; with no engine, built from the store. As <see cref="GatewayStatus"/>.</summary>
    private protected VpnConnectionStatus? ConnectionStatus(ControlClient client, PolicyStore store, bool quiet = false)
    {
        try
        {
            var status = client.Call<VpnConnectionStatus>(ControlCommands.GetVpnConnection);
            if (status is not null)
            {
                return status;
            }
        }
        catch (ControlException error) when (error.ErrorId == ControlException.EngineNotRunning)
        {
            return VpnStatusFromStore.Connection(store.Read().VpnConnection, VpnStatusFromStore.EngineNotRunning(client.SocketPath));
        }
        catch (ControlException error) when (quiet)
        {
            return VpnStatusFromStore.Connection(store.Read().VpnConnection, $"The engine did not answer GetVpnConnection ({error.ErrorId}): {error.Message}");
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
        }

        return null;
    }

    /// <summary>The store a cmdlet with -StorePath writes: that one, else the session's.</summary>
    private protected PolicyStore StoreAt(string directory) =>
        string.Equals(System.IO.Path.GetFullPath(directory), Store.Directory, StringComparison.Ordinal) ? Store : new PolicyStore(directory);
}
