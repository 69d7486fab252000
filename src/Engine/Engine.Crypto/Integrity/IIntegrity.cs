using System;

namespace Engine.Crypto.Integrity;

/// <summary>
/// A keyed HMAC for ESP/AH ICVs (truncated, e.g. HMAC-SHA-256-128) or full-length IKE use,
/// keyed once per SA.
/// </summary>
/// <remarks>
/// The two-part overloads exist for extended sequence numbers: RFC 4303 section 2.2.1 and
/// RFC 4302 section 2.5.1 authenticate the high 32 bits of the sequence number as if appended
/// after the packet, although they never travel. Not thread-safe: one instance per SA per
/// thread. Allocation-free per call.
/// </remarks>
public interface IIntegrity : IDisposable
{
    /// <summary>ICV bytes written and expected (the truncated length, e.g. 16 for SHA-256-128).</summary>
    int IcvSize { get; }

    /// <summary>Computes the ICV of <paramref name="data"/> into <paramref name="icv"/>.</summary>
    void Compute(ReadOnlySpan<byte> data, Span<byte> icv);

    /// <summary>Computes the ICV of <paramref name="data"/> followed by <paramref name="trailer"/>.</summary>
    void Compute(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> icv);

    /// <summary>Checks <paramref name="icv"/> in constant time.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> icv);

    /// <summary>Checks the ICV of <paramref name="data"/> followed by <paramref name="trailer"/> in constant time.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, ReadOnlySpan<byte> icv);
}
