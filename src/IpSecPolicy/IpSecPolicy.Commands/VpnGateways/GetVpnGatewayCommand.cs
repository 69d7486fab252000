using System.Management.Automation;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// The VPN gateway: its settings as the engine runs them, its state and its use (sessions,
/// tunnels, free pool addresses, connections and failures since start). With no engine running
/// it writes the stored settings with State Failed and the reason in Problem (State Stopped when
/// no gateway is configured), so that a script can always read the settings.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VpnGateway")]
[OutputType(typeof(VpnGatewayStatus))]
public sealed class GetVpnGatewayCommand : VpnEngineCmdlet
{
    protected override void ProcessRecord()
    {
        Try(() =>
        {
            if (GatewayStatus(Control, Store) is { } status)
            {
                WriteObject(status);
            }
        });
    }
}
