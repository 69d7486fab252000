using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Vpn;
using IpSecPolicy.Control;

namespace Engine.Host.Control.Commands;

/// <summary>GetVpnConnection: see <see cref="ControlCommands.GetVpnConnection"/>. No arguments.</summary>
internal sealed class GetVpnConnectionCommand(IVpnMonitor vpn) : IControlCommand
{
    public string Name => ControlCommands.GetVpnConnection;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken) => Task.FromResult<object?>(vpn.ConnectionStatus());
}
