using System;

namespace Engine.Crypto.Prf;

/// <summary>
/// A pseudo-random function prf(key, message). IKEv1 uses the HMAC of the negotiated hash
/// (RFC 2409 section 4) for SKEYID, its derivatives, the HASH payloads and KEYMAT.
/// Implementations are stateless and thread-safe.
/// </summary>
public interface IPrf
{
    /// <summary>A stable display name, e.g. <c>HMAC-SHA-256</c>.</summary>
    string Name { get; }

    /// <summary>Output bytes per call.</summary>
    int OutputSize { get; }

    /// <summary>Writes prf(key, message) into the first <see cref="OutputSize"/> bytes of <paramref name="output"/>.</summary>
    void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> output);
}
