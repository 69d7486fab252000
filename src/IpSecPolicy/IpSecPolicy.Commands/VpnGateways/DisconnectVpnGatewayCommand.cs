using System.Management.Automation;
using IpSecPolicy.Commands.Engine;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// Ends the engine's L2TP/IPsec client connection and removes it (its settings, its generated
/// policy and the stored password); the running engine re-reads the store and hangs up (PPP
/// Terminate, CDN, StopCCN, IPsec DELETE). The engine keeps running for the assigned policy.
/// ConfirmImpact Medium: it ends this host's own connection, not other users'.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "VpnGateway", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VpnConnectionStatus))]
public sealed class DisconnectVpnGatewayCommand : VpnEngineCmdlet
{
    /// <summary>Writes the connection as it was just before, with State Disconnected.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            // A dry run on a copy that is never saved: no connection is this item's error, before any question.
            var connection = Store.Read().RemoveVpnConnection();
            var client = Control;
            var before = ConnectionStatus(client, Store, quiet: true)!;
            if (!ShouldProcess($"L2TP/IPsec connection to {connection.ServerAddress} as '{connection.UserName}'",
                "Disconnect and remove the connection, its generated policy and its stored password"))
            {
                return;
            }

            Store.Update(document => document.RemoveVpnConnection());
            WriteVerbose($"Removed the VPN connection and its policy '{VpnConnection.PolicyName}'.");
            EngineConnection.SyncAfterStoreChange(this, client, Store.Directory);
            if (PassThru)
            {
                before.State = VpnStatusFromStore.Disconnected;
                before.LastError = null;
                WriteObject(before);
            }
        });
    }
}
