namespace Engine.Crypto.Ikev1;

/// <summary>
/// The keys of an ISAKMP SA (RFC 2409 section 5): SKEYID and its three derivatives, and the
/// phase 1 encryption key taken from SKEYID_e (expanded per appendix B when too short).
/// </summary>
public sealed class Ikev1Phase1Keys
{
    internal Ikev1Phase1Keys(byte[] skeyid, byte[] skeyidD, byte[] skeyidA, byte[] skeyidE, byte[] encryptionKey)
    {
        Skeyid = skeyid;
        SkeyidD = skeyidD;
        SkeyidA = skeyidA;
        SkeyidE = skeyidE;
        EncryptionKey = encryptionKey;
    }

    /// <summary>SKEYID: keys HASH_I and HASH_R.</summary>
    public byte[] Skeyid { get; }

    /// <summary>SKEYID_d: derives quick mode KEYMAT.</summary>
    public byte[] SkeyidD { get; }

    /// <summary>SKEYID_a: keys the quick mode and informational HASH payloads.</summary>
    public byte[] SkeyidA { get; }

    /// <summary>SKEYID_e: the source of the phase 1 encryption key.</summary>
    public byte[] SkeyidE { get; }

    /// <summary>The phase 1 cipher key (Ka), as long as the negotiated cipher needs.</summary>
    public byte[] EncryptionKey { get; }
}
