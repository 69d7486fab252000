using System;

namespace IpSecPolicy.Control.Results;

/// <summary>
/// One remote-access session as GetVpnSession returns it and Get-VpnSession writes it (RRAS's
/// Remote Access Clients view): who, from where, which address, since when, how much, and the
/// IPsec SA under it.
/// </summary>
public sealed class VpnSession
{
    /// <summary>The gateway's number for the session: what Disconnect-VpnSession -Id takes.</summary>
    public ulong Id { get; set; }

    /// <summary>The user name as authenticated (a DOMAIN\ prefix removed).</summary>
    public string UserName { get; set; } = string.Empty;

    /// <summary>MsChapV2, Chap or Pap.</summary>
    public string AuthenticationMethod { get; set; } = string.Empty;

    /// <summary>The client's public address and port (after any NAT): the L2TP datagrams' source.</summary>
    public string ClientAddress { get; set; } = string.Empty;

    public int ClientPort { get; set; }

    /// <summary>The IPv4 address IPCP gave the client.</summary>
    public string AssignedAddress { get; set; } = string.Empty;

    public DateTimeOffset ConnectedSince { get; set; }

    /// <summary>IP traffic through the session: from the client (In) and to it (Out).</summary>
    public long BytesIn { get; set; }

    public long BytesOut { get; set; }

    public long PacketsIn { get; set; }

    public long PacketsOut { get; set; }

    /// <summary>The quick mode SA carrying the session (Get-IpSecQuickModeSA -Id), 0 when none is up just now (rekey).</summary>
    public ulong QuickModeSaId { get; set; }

    /// <summary>The L2TP tunnel and session ids on the gateway's side.</summary>
    public int TunnelId { get; set; }

    public int L2tpSessionId { get; set; }
}
