using System.Collections.Generic;
using System.Net;
using Engine.L2tp.Ppp.Addressing;
using Engine.L2tp.Ppp.Auth;

namespace Engine.L2tp.Ppp;

/// <summary>What the gateway end of a session needs: who may connect, and which addresses to give.</summary>
public sealed record PppServerSettings
{
    /// <summary>
    /// The protocols to authenticate with, most preferred first (Start-VpnGateway
    /// -AuthenticationMethod). Empty means no authentication. The default is MS-CHAPv2 only, as
    /// Windows RRAS ships.
    /// </summary>
    public IReadOnlyList<PppAuthenticationProtocol> AuthenticationProtocols { get; init; } = [PppAuthenticationProtocol.MsChapV2];

    /// <summary>Finds a user's password; required when <see cref="AuthenticationProtocols"/> is not empty.</summary>
    public PppUserLookup? UserLookup { get; init; }

    public AuthenticatorSettings Authentication { get; init; } = new();

    /// <summary>The gateway's own address on the PPP link (Start-VpnGateway -LocalAddress).</summary>
    public required IPAddress LocalAddress { get; init; }

    /// <summary>Where client addresses come from; users' static addresses live there too.</summary>
    public required Ipv4AddressPool AddressPool { get; init; }

    /// <summary>Up to two DNS servers pushed with IPCP options 129/131 (RFC 1877).</summary>
    public IReadOnlyList<IPAddress> DnsServers { get; init; } = [];

    /// <summary>Up to two WINS (NBNS) servers pushed with IPCP options 130/132 (RFC 1877).</summary>
    public IReadOnlyList<IPAddress> WinsServers { get; init; } = [];
}
