using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Vpn;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace Engine.Host.Control.Commands;

/// <summary>
/// DisconnectVpnSession: ends one session cleanly (LCP Terminate-Request, then CDN). Argument: id
/// (the session's number). Result: the session as it was (VpnSession).
/// </summary>
internal sealed class DisconnectVpnSessionCommand(IVpnMonitor vpn) : IControlCommand
{
    public string Name => ControlCommands.DisconnectVpnSession;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        var text = call.Arguments<VpnSessionReference>().Id?.Trim();
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ControlCommandException(ControlErrorIds.InvalidArgument, "InvalidArgument",
                $"DisconnectVpnSession needs the number of a session, as Get-VpnSession shows it; '{text}' is not one.");
        }

        var session = vpn.Disconnect(id) ?? throw new PolicyException(ErrorIds.VpnSessionNotFound, PolicyErrorCategory.ObjectNotFound,
            $"There is no VPN session with id {id}.", id.ToString(CultureInfo.InvariantCulture));
        return Task.FromResult<object?>(session);
    }
}
