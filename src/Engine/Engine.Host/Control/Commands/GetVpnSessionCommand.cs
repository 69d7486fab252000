using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Vpn;
using IpSecPolicy.Control;

namespace Engine.Host.Control.Commands;

/// <summary>GetVpnSession: see <see cref="ControlCommands.GetVpnSession"/>. No arguments.</summary>
internal sealed class GetVpnSessionCommand(IVpnMonitor vpn) : IControlCommand
{
    public string Name => ControlCommands.GetVpnSession;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken) => Task.FromResult<object?>(vpn.Sessions());
}
