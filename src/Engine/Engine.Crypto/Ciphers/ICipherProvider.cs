using System;

namespace Engine.Crypto.Ciphers;

/// <summary>
/// Another implementation of some of the CBC transforms than Engine.Crypto's own (System.Security.Cryptography),
/// registered by the host with <see cref="CipherAlgorithms.UseProvider"/>: the engine host on Linux
/// registers one over OpenSSL's libcrypto EVP contexts from Engine.Platform.Linux, which keeps a
/// gateway's many SAs without .NET's six managed wrapper objects around each OpenSSL context. The
/// ciphers it creates must behave as <see cref="ICipher"/> says: in place, whole blocks, chain started
/// from each call's IV, and allocation-free per call.
/// </summary>
/// <remarks>Called from any thread: implementations must be thread-safe.</remarks>
public interface ICipherProvider
{
    /// <summary>What the provider is, for logs and reports.</summary>
    string Name { get; }

    /// <summary>
    /// A cipher of <paramref name="algorithm"/> keyed with <paramref name="key"/> (of its key size;
    /// the provider copies what it keeps); null when this provider does not serve that algorithm
    /// (Engine.Crypto's own then does).
    /// </summary>
    ICipher? Create(CipherAlgorithm algorithm, ReadOnlySpan<byte> key);
}
