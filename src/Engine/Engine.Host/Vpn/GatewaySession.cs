using System;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.Ppp;

namespace Engine.Host.Vpn;

/// <summary>One remote-access session: its L2TP call, its PPP link, and what Get-VpnSession shows.</summary>
internal sealed class GatewaySession(ulong id, L2tpSession call, DateTimeOffset startedAt)
{
    public ulong Id { get; } = id;

    public L2tpSession Call { get; } = call;

    /// <summary>Set right after construction (the PPP session's callbacks need this object first).</summary>
    public PppSession Ppp { get; set; } = null!;

    public int ReqId => (int)Call.Peer.SecurityAssociationId;

    public IPEndPoint Client => Call.Peer.Remote;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>When IPCP opened; null until then.</summary>
    public DateTimeOffset? ConnectedAt { get; set; }

    /// <summary>The client's IPv4 address as a number, for the outbound lookup; 0 until IPCP opened.</summary>
    public uint AssignedAddress { get; set; }

    public string? UserName { get; set; }

    /// <summary>Packets from the client whose source was not its address (dropped).</summary>
    public long SpoofedDropped;

    /// <summary>Set once the session's end was handled (audit written, address released).</summary>
    public bool Ended { get; set; }
}
