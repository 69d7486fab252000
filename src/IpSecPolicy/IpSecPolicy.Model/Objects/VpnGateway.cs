using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace IpSecPolicy.Model.Objects;

/// <summary>
/// The L2TP/IPsec remote-access gateway's settings (Start-VpnGateway, Set-VpnGateway), kept in the
/// store document beside the policies. The IPsec side lives in the store objects the settings
/// generate (<see cref="PolicyName"/> and its filter list and action); the pre-shared key in the
/// generated rule's auth method, so in the secret file.
/// </summary>
public sealed class VpnGateway
{
    /// <summary>The generated policy: one rule securing L2TP (UDP 1701) with the built-in clients' proposals.</summary>
    public const string PolicyName = "VPN gateway (L2TP/IPsec)";

    public const string RuleName = "L2TP/IPsec clients";

    public const string FilterListName = "L2TP/IPsec clients (VPN gateway)";

    public const string FilterActionName = "L2TP/IPsec (VPN gateway)";

    /// <summary>RRAS creates 128 L2TP ports on a VPN server.</summary>
    public const int DefaultMaxSessions = 128;

    /// <summary>Around 1400 leaves room for ESP, NAT-T, UDP, L2TP and PPP inside a 1500-byte path.</summary>
    public const int DefaultMtu = 1400;

    public const int MinMtu = 576;

    public const int MaxMtu = 1500;

    /// <summary>The adapter the engine serves (the engine's -InterfaceAlias).</summary>
    public string InterfaceAlias { get; set; } = string.Empty;

    /// <summary>The IPv4 pool, <c>first-last</c>; users with a static address are given theirs instead.</summary>
    public string AddressRange { get; set; } = string.Empty;

    /// <summary>
    /// The gateway's own address on the PPP links (IPCP); null: the first address of the range,
    /// which is then never handed to a client (what RRAS does with a static pool).
    /// </summary>
    public IPAddress? LocalAddress { get; set; }

    /// <summary>DNS servers offered in IPCP (RFC 1877), at most two.</summary>
    public List<IPAddress> DnsServers { get; set; } = new();

    /// <summary>WINS (NBNS) servers offered in IPCP (RFC 1877), at most two.</summary>
    public List<IPAddress> WinsServers { get; set; } = new();

    /// <summary>The PPP authentication protocols accepted, in the order the gateway asks for them.</summary>
    public List<VpnAuthenticationMethod> AuthenticationMethods { get; set; } = new() { VpnAuthenticationMethod.MsChapV2 };

    public int MaxSessions { get; set; } = DefaultMaxSessions;

    /// <summary>Seconds without IP traffic after which a session is disconnected; 0 never.</summary>
    public int IdleDisconnectSeconds { get; set; }

    /// <summary>The PPP MRU the gateway asks for and the MTU it uses towards clients.</summary>
    public int Mtu { get; set; } = DefaultMtu;

    public DateTimeOffset LastModified { get; set; }

    public VpnGateway Clone()
    {
        var copy = (VpnGateway)MemberwiseClone();
        copy.DnsServers = DnsServers.ToList();
        copy.WinsServers = WinsServers.ToList();
        copy.AuthenticationMethods = AuthenticationMethods.ToList();
        return copy;
    }
}
