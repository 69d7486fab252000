using System;

namespace Engine.Crypto.Integrity;

/// <summary>
/// Another implementation of some of the HMAC transforms than Engine.Crypto's own (.NET's
/// IncrementalHash), registered by the host with <see cref="IntegrityAlgorithms.UseProvider"/>: the
/// engine host on Linux registers one from Engine.Platform.Linux that keeps only the key's two
/// precomputed hash states per SA (a few hundred bytes) instead of an OpenSSL HMAC context (about
/// 1 KB of native memory) and its managed wrappers. Its instances must compute the same ICVs as
/// <see cref="IIntegrity"/> describes (RFC 2104), compare in constant time, and allocate nothing per call.
/// </summary>
/// <remarks>Called from any thread: implementations must be thread-safe.</remarks>
public interface IIntegrityProvider
{
    /// <summary>What the provider is, for logs and reports.</summary>
    string Name { get; }

    /// <summary>
    /// An instance of <paramref name="algorithm"/> keyed with <paramref name="key"/> (of its key size);
    /// null when this provider does not serve the algorithm's hash (Engine.Crypto's own then does).
    /// </summary>
    IIntegrity? Create(IntegrityAlgorithm algorithm, ReadOnlySpan<byte> key);
}
