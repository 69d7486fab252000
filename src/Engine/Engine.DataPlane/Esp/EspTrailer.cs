using System;

namespace Engine.DataPlane.Esp;

/// <summary>
/// ESP's trailer (RFC 4303 section 2.4-2.6): padding bytes 1, 2, 3, ..., the pad length, and the
/// next header. The sender pads to the smallest length that satisfies the alignment; the receiver
/// insists on the monotonic pattern the RFC prescribes as the default.
/// </summary>
internal static class EspTrailer
{
    /// <summary>Pad Length and Next Header.</summary>
    public const int FixedSize = 2;

    /// <summary>Padding that makes payload, padding and the two trailer bytes a multiple of <paramref name="alignment"/>.</summary>
    public static int PaddingFor(int payloadLength, int alignment)
    {
        var remainder = (payloadLength + FixedSize) % alignment;
        return remainder == 0 ? 0 : alignment - remainder;
    }

    /// <summary>Writes padding, pad length and next header; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, int padding, byte nextHeader)
    {
        for (var i = 0; i < padding; i++)
        {
            destination[i] = (byte)(i + 1);
        }

        destination[padding] = (byte)padding;
        destination[padding + 1] = nextHeader;
        return padding + FixedSize;
    }

    /// <summary>
    /// Reads the trailer at the end of <paramref name="plaintext"/>; false when the pad length
    /// overruns the plaintext or a pad byte breaks the 1, 2, 3, ... pattern.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> plaintext, out int payloadLength, out byte nextHeader)
    {
        payloadLength = 0;
        nextHeader = 0;
        if (plaintext.Length < FixedSize)
        {
            return false;
        }

        var padding = plaintext[^2];
        nextHeader = plaintext[^1];
        payloadLength = plaintext.Length - FixedSize - padding;
        if (payloadLength < 0)
        {
            return false;
        }

        // Check every byte without an early exit: the time taken says nothing about which byte differed.
        var difference = 0;
        for (var i = 0; i < padding; i++)
        {
            difference |= plaintext[payloadLength + i] ^ (i + 1);
        }

        return difference == 0;
    }
}
