using System.Security.Cryptography;
using System.Threading;

namespace Engine.Crypto.Integrity;

/// <summary>
/// The HMAC transforms, truncated as ESP and AH use them (RFC 2403, 2404, 4868) and full length
/// as IKE's hashes use them.
/// </summary>
public static class IntegrityAlgorithms
{
    private static IIntegrityProvider? provider;

    /// <summary>HMAC-MD5-96 (RFC 2403), legacy.</summary>
    public static IntegrityAlgorithm HmacMd5Icv96 { get; } = new("HMAC-MD5-96", HashAlgorithmName.MD5, 16, 12);

    /// <summary>HMAC-SHA1-96 (RFC 2404).</summary>
    public static IntegrityAlgorithm HmacSha1Icv96 { get; } = new("HMAC-SHA1-96", HashAlgorithmName.SHA1, 20, 12);

    /// <summary>HMAC-SHA-256-128 (RFC 4868).</summary>
    public static IntegrityAlgorithm HmacSha256Icv128 { get; } = new("HMAC-SHA-256-128", HashAlgorithmName.SHA256, 32, 16);

    /// <summary>HMAC-SHA-384-192 (RFC 4868).</summary>
    public static IntegrityAlgorithm HmacSha384Icv192 { get; } = new("HMAC-SHA-384-192", HashAlgorithmName.SHA384, 48, 24);

    /// <summary>HMAC-SHA-512-256 (RFC 4868).</summary>
    public static IntegrityAlgorithm HmacSha512Icv256 { get; } = new("HMAC-SHA-512-256", HashAlgorithmName.SHA512, 64, 32);

    /// <summary>HMAC-MD5, untruncated.</summary>
    public static IntegrityAlgorithm HmacMd5 { get; } = new("HMAC-MD5", HashAlgorithmName.MD5, 16, 16);

    /// <summary>HMAC-SHA1, untruncated.</summary>
    public static IntegrityAlgorithm HmacSha1 { get; } = new("HMAC-SHA1", HashAlgorithmName.SHA1, 20, 20);

    /// <summary>HMAC-SHA-256, untruncated.</summary>
    public static IntegrityAlgorithm HmacSha256 { get; } = new("HMAC-SHA-256", HashAlgorithmName.SHA256, 32, 32);

    /// <summary>HMAC-SHA-384, untruncated.</summary>
    public static IntegrityAlgorithm HmacSha384 { get; } = new("HMAC-SHA-384", HashAlgorithmName.SHA384, 48, 48);

    /// <summary>HMAC-SHA-512, untruncated.</summary>
    public static IntegrityAlgorithm HmacSha512 { get; } = new("HMAC-SHA-512", HashAlgorithmName.SHA512, 64, 64);

    /// <summary>The provider registered with <see cref="UseProvider"/>, asked first by <see cref="IntegrityAlgorithm.Create"/>.</summary>
    internal static IIntegrityProvider? Provider => Volatile.Read(ref provider);

    /// <summary>
    /// Makes <see cref="IntegrityAlgorithm.Create"/> ask <paramref name="integrityProvider"/> first
    /// (null: Engine.Crypto's own again). Instances already created keep their implementation. The
    /// engine host calls this once at start.
    /// </summary>
    public static void UseProvider(IIntegrityProvider? integrityProvider) => Volatile.Write(ref provider, integrityProvider);
}
