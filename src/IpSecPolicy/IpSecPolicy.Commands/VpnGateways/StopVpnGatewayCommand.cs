using System.Management.Automation;
using IpSecPolicy.Commands.Engine;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Operations;
using GatewaySettings = IpSecPolicy.Model.Objects.VpnGateway;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// Stops being a VPN gateway: removes the settings and the generated L2TP/IPsec policy, and the
/// running engine re-reads the store, which ends every session (LCP Terminate, CDN, StopCCN). The
/// engine keeps running for the assigned policy; Stop-IpSecEngine stops it. ConfirmImpact High:
/// it disconnects users.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "VpnGateway", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VpnGatewayStatus))]
public sealed class StopVpnGatewayCommand : VpnEngineCmdlet
{
    /// <summary>Writes the gateway as it was just before, with State Stopped.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            // A dry run on a copy that is never saved: no gateway is this item's error, before any question.
            var gateway = Store.Read().RemoveVpnGateway();
            var client = Control;
            var before = GatewayStatus(client, Store, quiet: true)!;
            var sessions = before.Sessions == 1 ? "1 session" : $"{before.Sessions} sessions";
            if (!ShouldProcess($"VPN gateway on {gateway.InterfaceAlias} (pool {gateway.AddressRange}, {sessions} up)",
                "Stop: disconnect its users and remove its settings and generated policy"))
            {
                return;
            }

            Store.Update(document => document.RemoveVpnGateway());
            WriteVerbose($"Removed the VPN gateway's settings and its policy '{GatewaySettings.PolicyName}'.");
            EngineConnection.SyncAfterStoreChange(this, client, Store.Directory);
            if (PassThru)
            {
                before.State = VpnStatusFromStore.Stopped;
                before.Problem = null;
                before.Sessions = 0;
                before.Tunnels = 0;
                WriteObject(before);
            }
        });
    }
}
