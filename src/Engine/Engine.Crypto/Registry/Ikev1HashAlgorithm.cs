namespace Engine.Crypto.Registry;

/// <summary>
/// Values of the IKEv1 "Hash Algorithm" phase 1 attribute (class 2, RFC 2409 appendix A, IANA).
/// Without a PRF attribute the phase 1 PRF is the HMAC of this hash (RFC 2409 section 4).
/// </summary>
public enum Ikev1HashAlgorithm
{
    /// <summary>MD5, legacy.</summary>
    Md5 = 1,

    /// <summary>SHA (SHA-1).</summary>
    Sha1 = 2,

    /// <summary>SHA2-256 (RFC 4868 section 4).</summary>
    Sha256 = 4,

    /// <summary>SHA2-384.</summary>
    Sha384 = 5,

    /// <summary>SHA2-512.</summary>
    Sha512 = 6,
}
