using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Vpn;
using IpSecPolicy.Control;

namespace Engine.Host.Control.Commands;

/// <summary>GetVpnGateway: see <see cref="ControlCommands.GetVpnGateway"/>. No arguments.</summary>
internal sealed class GetVpnGatewayCommand(IVpnMonitor vpn) : IControlCommand
{
    public string Name => ControlCommands.GetVpnGateway;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken) => Task.FromResult<object?>(vpn.GatewayStatus());
}
