using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.L2tp.Reliable;

namespace Engine.L2tp.L2tp;

/// <summary>
/// How an <see cref="L2tpEndpoint"/> introduces itself and runs its tunnels. The defaults are
/// what xl2tpd and the Windows client expect from an LNS: protocol version 1.0, framing
/// capabilities synchronous and asynchronous, no bearer capabilities (an LNS has no modems), a
/// Host Name AVP, a receive window of 4, Hello after 60 s of silence (xl2tpd's HELLO_DELAY and
/// the RFC's recommendation), data messages with the length bit, no tunnel authentication
/// (the Windows client has no tunnel secret; IPsec protects the tunnel) and nothing hidden.
/// A class rather than a record, so that no generated ToString prints the tunnel secret.
/// </summary>
public sealed class L2tpEndpointOptions
{
    /// <summary>The Host Name AVP this side sends (section 4.4.3 requires one in SCCRQ and SCCRP).</summary>
    public string HostName { get; init; } = Environment.MachineName;

    public string? VendorName { get; init; } = "IpSecPolicy";

    public ushort? FirmwareRevision { get; init; } = 0x0100;

    public L2tpFraming FramingCapabilities { get; init; } = L2tpFraming.Synchronous | L2tpFraming.Asynchronous;

    /// <summary>Sent as a Bearer Capabilities AVP of 0, as xl2tpd's LNS does; null leaves the AVP out.</summary>
    public L2tpBearer? BearerCapabilities { get; init; } = L2tpBearer.None;

    public ControlChannelOptions ControlChannel { get; init; } = new();

    /// <summary>A Hello goes out after this long without any message (control or data) from the peer; infinite disables it.</summary>
    public TimeSpan HelloInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The shared tunnel secret: answers a peer's Challenge, challenges the peer when <see
    /// cref="ChallengePeer"/> is set, and hides and unhides AVPs. Empty means none.
    /// </summary>
    public ReadOnlyMemory<byte> TunnelSecret { get; init; }

    /// <summary>Send a Challenge AVP and require a correct Challenge Response (needs <see cref="TunnelSecret"/>).</summary>
    public bool ChallengePeer { get; init; }

    /// <summary>Attributes to send hidden (section 4.3) when a <see cref="TunnelSecret"/> is set.</summary>
    public IReadOnlySet<AvpType> HiddenAvpTypes { get; init; } = new HashSet<AvpType>();

    /// <summary>Send a Tie Breaker AVP in this side's SCCRQs (section 4.4.3): ask for a single tunnel per peer.</summary>
    public bool SendTieBreaker { get; init; }

    /// <summary>Set the L bit (and the Length field) on data messages this side sends.</summary>
    public bool IncludeLengthInDataMessages { get; init; } = true;

    /// <summary>Always number data messages; otherwise only when the peer asks (Sequencing Required, or numbered data of its own).</summary>
    public bool SequenceDataMessages { get; init; }

    /// <summary>As the calling side, send a Sequencing Required AVP in the ICCN.</summary>
    public bool RequireDataSequencing { get; init; }

    /// <summary>The (Tx) Connect Speed this side reports in its ICCN (xl2tpd's DEFAULT_TX_BPS).</summary>
    public uint ConnectSpeed { get; init; } = 10_000_000;

    /// <summary>Tunnels beyond this many are refused with StopCCN result 2, error 4 (insufficient resources).</summary>
    public int MaximumTunnels { get; init; } = 4096;

    /// <summary>The source of IDs, tie breakers, challenges and random vectors.</summary>
    public L2tpRandomSource Random { get; init; } = RandomNumberGenerator.Fill;

    public override string ToString() =>
        $"host {HostName}, window {ControlChannel.ReceiveWindowSize}, hello {HelloInterval}, secret {(TunnelSecret.IsEmpty ? "none" : "set")}";

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(HostName);
        ArgumentNullException.ThrowIfNull(ControlChannel);
        ControlChannel.Validate();
        if (ChallengePeer && TunnelSecret.IsEmpty)
        {
            throw new ArgumentException("challenging the peer needs a tunnel secret", nameof(ChallengePeer));
        }

        if (MaximumTunnels is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumTunnels), MaximumTunnels, "1 to 65535 tunnels");
        }
    }
}
