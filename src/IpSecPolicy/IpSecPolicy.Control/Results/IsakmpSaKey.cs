namespace IpSecPolicy.Control.Results;

/// <summary>
/// One ISAKMP SA as Wireshark's ikev1_decryption_table wants it: the initiator's cookie and the
/// phase 1 encryption key, both in hex. Holds a key: only ExportWiresharkKeys returns it.
/// </summary>
public sealed class IsakmpSaKey
{
    /// <summary>16 hex digits.</summary>
    public string InitiatorCookie { get; set; } = string.Empty;

    /// <summary>16 hex digits (not used by Wireshark; it names the SA for people).</summary>
    public string ResponderCookie { get; set; } = string.Empty;

    public string PeerAddress { get; set; } = string.Empty;

    /// <summary>The key in hex, without "0x".</summary>
    public string EncryptionKey { get; set; } = string.Empty;

    public override string ToString() => $"ISAKMP SA {InitiatorCookie}/{ResponderCookie} with {PeerAddress}";
}
