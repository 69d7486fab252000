using System;

namespace Engine.L2tp.L2tp.Reliable;

/// <summary>
/// Arithmetic on the 16-bit Ns/Nr space (RFC 2661 section 5.8): a number is "before" another if it
/// lies in the 32767 values preceding it, modulo 65536. The exact half-way distance (32768) is
/// neither before nor after, so a forged or wildly stale number is never taken for a duplicate.
/// </summary>
public static class SequenceNumber
{
    /// <summary>How many steps forward <paramref name="to"/> lies from <paramref name="from"/>, modulo 65536.</summary>
    public static int Distance(ushort from, ushort to) => (ushort)(to - from);

    /// <summary>True when <paramref name="value"/> precedes <paramref name="reference"/> by 1 to 32767.</summary>
    public static bool IsBefore(ushort value, ushort reference) => Distance(value, reference) is >= 1 and <= 32767;
}
