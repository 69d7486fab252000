using System.Management.Automation;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// The engine's L2TP/IPsec client connection (what Windows' Get-VpnConnection and rasdial show):
/// server, user, profile, state, the address and servers the gateway gave, routes, traffic and
/// the last error. With no engine running it writes the stored connection with State Failed and
/// the reason in LastError (State Disconnected when no connection is configured).
/// </summary>
[Cmdlet(VerbsCommon.Get, "VpnConnection")]
[OutputType(typeof(VpnConnectionStatus))]
public sealed class GetVpnConnectionCommand : VpnEngineCmdlet
{
    protected override void ProcessRecord()
    {
        Try(() =>
        {
            if (ConnectionStatus(Control, Store) is { } status)
            {
                WriteObject(status);
            }
        });
    }
}
