using System;
using System.Numerics;
using System.Threading;

namespace Engine.DataPlane.Replay;

/// <summary>
/// The receiver's anti-replay window of one inbound SA (RFC 4303 section 3.4.3), kept as a ring
/// of 64-bit blocks as RFC 6479 describes: sliding the window forward clears whole blocks instead
/// of shifting a bitmap, so a far jump costs at most one pass over the ring, and a window of
/// thousands of packets costs no more per packet than one of 64.
/// </summary>
/// <remarks>
/// <para>Use it in two steps around authentication: <see cref="Check"/> before the ICV, so that
/// replayed packets cost no cryptography; <see cref="TryAccept"/> after it, which checks again
/// and records the number, because a concurrent packet may have taken it in between.</para>
/// <para>The ring holds one block more than the window needs (rounded up to a power of two), so
/// the block the top is in can be partly filled while the full window stays behind it.</para>
/// <para>Thread-safe: both steps take a lock, uncontended in practice (one receive thread per SA).</para>
/// </remarks>
internal sealed class ReplayWindow
{
    /// <summary>The window IKE gets unless it asks otherwise.</summary>
    public const int DefaultSize = 64;

    /// <summary>RFC 4303 section 3.4.3: at least 32.</summary>
    public const int MinimumSize = 32;

    /// <summary>
    /// The largest window accepted: 4096 packets, Linux XFRM's limit too, in a 1 KB ring. Enough
    /// for reordering across several parallel paths at line rate; beyond it memory per SA grows
    /// with no practical gain.
    /// </summary>
    public const int MaximumSize = 4096;

    private const int BlockBits = 64;
    private const int BlockShift = 6;

    private readonly ulong[] ring;
    private readonly int blockMask;
    private readonly Lock gate = new();

    // The highest sequence number accepted so far; 0 before the first packet.
    private ulong top;

    public ReplayWindow(int size, bool extendedSequenceNumbers)
    {
        if (size < MinimumSize || size > MaximumSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"The replay window is {MinimumSize} to {MaximumSize} packets, not {size}.");
        }

        Size = size;
        ExtendedSequenceNumbers = extendedSequenceNumbers;
        var blocks = (int)BitOperations.RoundUpToPowerOf2((uint)((size + BlockBits - 1) / BlockBits + 1));
        ring = new ulong[blocks];
        blockMask = blocks - 1;
    }

    public int Size { get; }

    public bool ExtendedSequenceNumbers { get; }

    /// <summary>The highest sequence number accepted so far (0 before the first).</summary>
    public ulong Top
    {
        get
        {
            lock (gate)
            {
                return top;
            }
        }
    }

    /// <summary>
    /// Checks a received sequence number without recording it. With extended sequence numbers
    /// the 64-bit number is inferred from the window (RFC 4303 appendix A2.1); the ICV must then
    /// be computed over that number's high half.
    /// </summary>
    public ReplayVerdict Check(uint wireSequence, out ulong sequence)
    {
        lock (gate)
        {
            sequence = ExtendedSequenceNumbers ? SequenceNumberInference.Infer(wireSequence, top, Size) : wireSequence;
            return Verdict(sequence);
        }
    }

    /// <summary>Records an authenticated sequence number; false (and nothing recorded) if it is no longer new.</summary>
    public bool TryAccept(ulong sequence)
    {
        lock (gate)
        {
            if (Verdict(sequence) != ReplayVerdict.Accept)
            {
                return false;
            }

            if (sequence > top)
            {
                Advance(sequence);
            }

            ring[(int)(sequence >> BlockShift) & blockMask] |= 1UL << (int)(sequence & (BlockBits - 1));
            return true;
        }
    }

    private ReplayVerdict Verdict(ulong sequence)
    {
        if (sequence == 0)
        {
            return ReplayVerdict.Invalid;
        }

        if (sequence > top)
        {
            return ReplayVerdict.Accept;
        }

        if (top - sequence >= (ulong)Size)
        {
            return ReplayVerdict.TooOld;
        }

        var bit = 1UL << (int)(sequence & (BlockBits - 1));
        return (ring[(int)(sequence >> BlockShift) & blockMask] & bit) != 0 ? ReplayVerdict.Duplicate : ReplayVerdict.Accept;
    }

    private void Advance(ulong sequence)
    {
        var oldBlock = top >> BlockShift;
        var newBlock = sequence >> BlockShift;

        // Clear the blocks the top moves into; after a jump of a whole ring or more, all of them.
        var stale = Math.Min(newBlock - oldBlock, (ulong)ring.Length);
        for (ulong i = 1; i <= stale; i++)
        {
            ring[(int)((oldBlock + i) & (ulong)blockMask)] = 0;
        }

        top = sequence;
    }
}
