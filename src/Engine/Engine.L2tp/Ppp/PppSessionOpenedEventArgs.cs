using System;
using System.Collections.Generic;
using System.Net;
using Engine.L2tp.Ppp.Auth;

namespace Engine.L2tp.Ppp;

/// <summary>The session reached the network phase with IPCP open: IPv4 can flow.</summary>
public sealed class PppSessionOpenedEventArgs : EventArgs
{
    public PppSessionOpenedEventArgs(
        string? userName,
        PppAuthenticationProtocol? authenticationProtocol,
        IPAddress localAddress,
        IPAddress peerAddress,
        IReadOnlyList<IPAddress> dnsServers,
        IReadOnlyList<IPAddress> winsServers,
        int peerMru)
    {
        UserName = userName;
        AuthenticationProtocol = authenticationProtocol;
        LocalAddress = localAddress;
        PeerAddress = peerAddress;
        DnsServers = dnsServers;
        WinsServers = winsServers;
        PeerMru = peerMru;
    }

    /// <summary>The authenticated user (as the peer presented it); null without authentication.</summary>
    public string? UserName { get; }

    public PppAuthenticationProtocol? AuthenticationProtocol { get; }

    /// <summary>Our address on the link (server: its LocalAddress; client: the address it was assigned).</summary>
    public IPAddress LocalAddress { get; }

    /// <summary>The other end's address (server: the client's assigned address; client: the gateway's).</summary>
    public IPAddress PeerAddress { get; }

    public IReadOnlyList<IPAddress> DnsServers { get; }

    public IReadOnlyList<IPAddress> WinsServers { get; }

    /// <summary>The largest frame the peer accepts: the tunnel interface's MTU.</summary>
    public int PeerMru { get; }
}
