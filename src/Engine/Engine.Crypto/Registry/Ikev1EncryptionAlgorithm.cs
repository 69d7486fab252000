namespace Engine.Crypto.Registry;

/// <summary>
/// Values of the IKEv1 "Encryption Algorithm" phase 1 attribute (class 1, RFC 2409 appendix A,
/// IANA); the ones this engine implements.
/// </summary>
public enum Ikev1EncryptionAlgorithm
{
    /// <summary>DES-CBC, legacy.</summary>
    DesCbc = 1,

    /// <summary>3DES-CBC.</summary>
    TripleDesCbc = 5,

    /// <summary>AES-CBC (RFC 3602); needs the Key Length attribute (class 14).</summary>
    AesCbc = 7,
}
