using System;
using System.Collections.Generic;

namespace IpSecPolicy.Control.Results;

/// <summary>
/// One ISAKMP (main mode) SA as GetMainModeSa returns it and Get-IpSecMainModeSA writes it, like
/// the IP Security Monitor's Main Mode > Security Associations. Never carries a key.
/// </summary>
public sealed class MainModeSa
{
    /// <summary>The cookie pair, "initiator/responder" in hex: what Remove-IpSecMainModeSA -Id takes.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Connecting (main mode under way), Established, or Deleting.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Initiator when this host started the main mode, else Responder.</summary>
    public string Role { get; set; } = string.Empty;

    public string LocalAddress { get; set; } = string.Empty;

    public int LocalPort { get; set; }

    public string PeerAddress { get; set; } = string.Empty;

    public int PeerPort { get; set; }

    /// <summary>The negotiated method in the module's words, e.g. "AES128-SHA1-19"; null before main mode message 2.</summary>
    public string? MainModeMethod { get; set; }

    /// <summary>DES, 3DES, AES128, AES192 or AES256; null before message 2.</summary>
    public string? Encryption { get; set; }

    /// <summary>MD5, SHA1, SHA256, SHA384 or SHA512; null before message 2.</summary>
    public string? Integrity { get; set; }

    /// <summary>The Diffie-Hellman group number (2, 14, 19, ...); null before message 2.</summary>
    public int? DHGroup { get; set; }

    /// <summary>How the peers authenticated: PreSharedKey.</summary>
    public string Authentication { get; set; } = string.Empty;

    public DateTimeOffset Created { get; set; }

    /// <summary>When main mode completed; null while it runs.</summary>
    public DateTimeOffset? Established { get; set; }

    /// <summary>The negotiated lifetime in seconds.</summary>
    public long LifetimeSeconds { get; set; }

    /// <summary>Seconds until the SA expires; null until it is established.</summary>
    public long? SecondsRemaining { get; set; }

    /// <summary>Quick modes completed under this SA.</summary>
    public int QuickModeCount { get; set; }

    /// <summary>True when NAT-D showed a NAT between the peers (IKE and ESP then use UDP 4500).</summary>
    public bool NatDetected { get; set; }

    /// <summary>The NAT-T dialect both peers announced: None, Rfc3947 or Draft.</summary>
    public string NatTraversal { get; set; } = string.Empty;

    /// <summary>What the peer's vendor IDs say it is, e.g. "Windows 10"; null when they say nothing.</summary>
    public string? PeerType { get; set; }

    /// <summary>The peer's vendor IDs by name.</summary>
    public List<string> PeerVendorIds { get; set; } = new();
}
