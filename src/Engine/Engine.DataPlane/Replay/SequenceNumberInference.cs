namespace Engine.DataPlane.Replay;

/// <summary>
/// Reconstructs a 64-bit extended sequence number from the 32 bits that travel, given the top of
/// the receive window (RFC 4303 appendix A2.1): the high half is the window's, or one more when
/// the low half has wrapped past it, or one less for a late packet from before a wrap.
/// </summary>
internal static class SequenceNumberInference
{
    public static ulong Infer(uint wireSequence, ulong top, int windowSize)
    {
        var topLow = (uint)top;
        var topHigh = (uint)(top >> 32);
        var bottomLow = unchecked(topLow - (uint)windowSize + 1);
        uint high;
        if (topLow >= (uint)windowSize - 1)
        {
            // The window lies within one 2^32 subspace: a number below it has wrapped into the next.
            high = wireSequence >= bottomLow ? topHigh : unchecked(topHigh + 1);
        }
        else
        {
            // The window straddles a wrap: a number at or above its (wrapped) bottom is from the
            // previous subspace; anything else is in the current one.
            high = wireSequence >= bottomLow ? unchecked(topHigh - 1) : topHigh;
        }

        // Before the first wrap there is no previous subspace to fall back into.
        if (high == uint.MaxValue && topHigh == 0)
        {
            high = 0;
        }

        return ((ulong)high << 32) | wireSequence;
    }
}
