using System;

namespace Engine.L2tp.Ppp.Lcp;

/// <summary>What LCP asks for and accepts, and its keepalive.</summary>
public sealed record LcpSettings
{
    /// <summary>RFC 1661 section 6.1: the MRU assumed when none is negotiated.</summary>
    public const ushort DefaultMru = 1500;

    /// <summary>Smallest MRU we accept from a peer (pppd's MINMRU); smaller requests are naked up to it.</summary>
    public const ushort MinimumMru = 128;

    /// <summary>
    /// The MRU we request. Inside L2TP over UDP over IPsec the outer headers eat about 100 bytes,
    /// so gateways use about 1400 (Start-VpnGateway -Mtu). Not requested when it is 1500.
    /// </summary>
    public ushort Mru { get; init; } = DefaultMru;

    public bool UseMagicNumber { get; init; } = true;

    /// <summary>Ask the peer to accept compressed protocol fields from us.</summary>
    public bool RequestProtocolFieldCompression { get; init; }

    /// <summary>Ask the peer to accept frames without FF 03 from us.</summary>
    public bool RequestAddressControlCompression { get; init; }

    /// <summary>Acknowledge the peer's PFC and ACFC (and compress what we send to it accordingly).</summary>
    public bool AcceptCompression { get; init; } = true;

    /// <summary>Time between LCP Echo-Requests once LCP is open; zero turns keepalive off. xl2tpd/pppd setups use 30 s.</summary>
    public TimeSpan EchoInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Unanswered Echo-Requests after which the peer is declared gone (pppd lcp-echo-failure).</summary>
    public int EchoFailureLimit { get; init; } = 4;
}
