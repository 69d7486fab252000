namespace IpSecPolicy.Control.Results;

/// <summary>
/// One ESP SA in one direction as Wireshark's esp_sa table wants it: the strings are exactly what
/// its ESP preferences take (packet-ipsec.c). Holds keys: only ExportWiresharkKeys returns it.
/// </summary>
public sealed class EspSaKey
{
    /// <summary>IPv4 or IPv6.</summary>
    public string Protocol { get; set; } = string.Empty;

    /// <summary>The outer source address of the SA's packets.</summary>
    public string Source { get; set; } = string.Empty;

    public string Destination { get; set; } = string.Empty;

    /// <summary>"0x" and 8 hex digits.</summary>
    public string Spi { get; set; } = string.Empty;

    /// <summary>e.g. "AES-CBC [RFC3602]", "TripleDES-CBC [RFC2451]", "AES-GCM with 16 octet ICV [RFC4106]", "NULL".</summary>
    public string EncryptionAlgorithm { get; set; } = string.Empty;

    /// <summary>"0x" and the key in hex (AES-GCM: key and 4-byte salt); empty for NULL.</summary>
    public string EncryptionKey { get; set; } = string.Empty;

    /// <summary>e.g. "HMAC-SHA-1-96 [RFC2404]", "HMAC-SHA-256-128 [RFC4868]", "NULL".</summary>
    public string AuthenticationAlgorithm { get; set; } = string.Empty;

    /// <summary>"0x" and the key in hex; empty for NULL.</summary>
    public string AuthenticationKey { get; set; } = string.Empty;

    public override string ToString() => $"ESP SA {Spi} {Source} -> {Destination} {EncryptionAlgorithm}/{AuthenticationAlgorithm}";
}
