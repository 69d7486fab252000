using System;

namespace IpSecPolicy.Control.Results;

/// <summary>
/// The IPsec SAs of one quick mode (both directions) as GetQuickModeSa returns them and
/// Get-IpSecQuickModeSA writes them, like the IP Security Monitor's Quick Mode > Security
/// Associations. Never carries a key.
/// </summary>
public sealed class QuickModeSa
{
    /// <summary>The engine's number for this quick mode: what Remove-IpSecQuickModeSA -Id takes.</summary>
    public ulong Id { get; set; }

    /// <summary>The rule whose filter the SAs protect, or "Default Response" for the default response rule.</summary>
    public string Rule { get; set; } = string.Empty;

    /// <summary>Installed, Rekeying (a replacement is being negotiated) or Replaced (kept briefly after a rekey).</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Initiator when this host started the quick mode, else Responder.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>The local outer address (the tunnel endpoint in tunnel mode).</summary>
    public string LocalAddress { get; set; } = string.Empty;

    public string PeerAddress { get; set; } = string.Empty;

    /// <summary>Our side of the protected traffic, e.g. "192.0.2.10 proto any port any".</summary>
    public string LocalTrafficSelector { get; set; } = string.Empty;

    /// <summary>The peer's side of the protected traffic.</summary>
    public string RemoteTrafficSelector { get; set; } = string.Empty;

    /// <summary>Transport or Tunnel.</summary>
    public string Mode { get; set; } = string.Empty;

    /// <summary>The negotiated method in the module's words, e.g. "ESP[AES128,SHA1]" or "AH[SHA1]+ESP[AES256,SHA256]".</summary>
    public string SecurityMethod { get; set; } = string.Empty;

    /// <summary>ESP, AH or AH+ESP.</summary>
    public string Protocol { get; set; } = string.Empty;

    /// <summary>ESP's cipher (None, DES, 3DES, AES128, ..., AESGCM256); null without ESP.</summary>
    public string? Encryption { get; set; }

    /// <summary>ESP's HMAC (None for AES-GCM and integrity-less ESP); null without ESP.</summary>
    public string? Integrity { get; set; }

    /// <summary>AH's HMAC; null without AH.</summary>
    public string? AhIntegrity { get; set; }

    /// <summary>The SPI the peer sends ESP with (ours), "0x" and 8 hex digits; null without ESP.</summary>
    public string? EspInboundSpi { get; set; }

    /// <summary>The SPI we send ESP with (the peer's); null without ESP.</summary>
    public string? EspOutboundSpi { get; set; }

    public string? AhInboundSpi { get; set; }

    public string? AhOutboundSpi { get; set; }

    public bool PerfectForwardSecrecy { get; set; }

    /// <summary>None, or UdpEncapsulated (ESP in UDP, NAT-T) with the ports below.</summary>
    public string Encapsulation { get; set; } = string.Empty;

    public int? LocalUdpPort { get; set; }

    public int? PeerUdpPort { get; set; }

    public DateTimeOffset Installed { get; set; }

    public long LifetimeSeconds { get; set; }

    /// <summary>Seconds until the SAs expire (a rekey starts before).</summary>
    public long SecondsRemaining { get; set; }

    /// <summary>The negotiated byte lifetime in kilobytes; 0 for none.</summary>
    public ulong LifetimeKilobytes { get; set; }

    /// <summary>Kilobytes left before the busier direction reaches the byte lifetime; null when there is none.</summary>
    public ulong? KilobytesRemaining { get; set; }

    /// <summary>Bytes received and opened (inner bytes, as the data plane counts them).</summary>
    public ulong BytesIn { get; set; }

    public ulong BytesOut { get; set; }

    public ulong PacketsIn { get; set; }

    public ulong PacketsOut { get; set; }

    /// <summary>When a packet last used either direction; null when none has.</summary>
    public DateTimeOffset? LastUsed { get; set; }
}
