using System;
using System.Buffers.Binary;
using Engine.Crypto.Esp;
using Engine.DataPlane.Replay;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Esp;

/// <summary>
/// Inbound ESP (RFC 4303 section 3.4) in place: lengths, the anti-replay check before any
/// cryptography, the ICV in constant time (or the AEAD tag), the window update only after the
/// packet proved authentic, then decryption and the trailer.
/// </summary>
internal static class EspOpener
{
    public static OpenStatus Open(SecurityAssociation sa, SaCryptoContext crypto, Span<byte> buffer, int espOffset, int espLength,
        out int payloadOffset, out int payloadLength, out byte nextHeader)
    {
        payloadOffset = 0;
        payloadLength = 0;
        nextHeader = 0;
        var transform = sa.Transform;
        if (!LengthIsValid(transform, espLength))
        {
            return OpenStatus.Malformed;
        }

        var window = sa.Replay!;
        var wireSequence = BinaryPrimitives.ReadUInt32BigEndian(buffer[(espOffset + 4)..]);
        if (window.Check(wireSequence, out var sequence) != ReplayVerdict.Accept)
        {
            return OpenStatus.Replayed;
        }

        return AuthenticateAndDecrypt(transform, crypto, buffer, espOffset, espLength, sequence, sa.ExtendedSequenceNumbers,
            window, out payloadOffset, out payloadLength, out nextHeader);
    }

    /// <summary>
    /// Everything after the replay check, for a known 64-bit sequence number. The number is
    /// recorded in <paramref name="window"/> (if any) once the packet is authentic and before it
    /// is used; a number taken meanwhile by another packet means a replay.
    /// </summary>
    internal static OpenStatus AuthenticateAndDecrypt(SaTransform transform, SaCryptoContext crypto, Span<byte> buffer, int espOffset,
        int espLength, ulong sequence, bool extendedSequenceNumbers, ReplayWindow? window,
        out int payloadOffset, out int payloadLength, out byte nextHeader)
    {
        payloadOffset = 0;
        payloadLength = 0;
        nextHeader = 0;
        if (!LengthIsValid(transform, espLength))
        {
            return OpenStatus.Malformed;
        }

        var headLength = EspLayout.HeadLength(transform);
        var encryptedLength = espLength - headLength - transform.IcvSize;
        var spi = BinaryPrimitives.ReadUInt32BigEndian(buffer[espOffset..]);
        var iv = buffer.Slice(espOffset + EspLayout.HeaderSize, transform.IvSize);
        var encrypted = buffer.Slice(espOffset + headLength, encryptedLength);
        var icv = buffer.Slice(espOffset + headLength + encryptedLength, transform.IcvSize);

        if (crypto.Aead is { } aead)
        {
            Span<byte> aad = stackalloc byte[EspAad.ExtendedSize];
            var aadLength = EspAad.Write(aad, spi, sequence, extendedSequenceNumbers);
            if (!aead.Open(aad[..aadLength], iv, encrypted, icv))
            {
                return OpenStatus.AuthenticationFailed;
            }
        }
        else if (crypto.Integrity is { } integrity)
        {
            var authenticated = buffer.Slice(espOffset, headLength + encryptedLength);
            bool authentic;
            if (extendedSequenceNumbers)
            {
                Span<byte> high = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(high, (uint)(sequence >> 32));
                authentic = integrity.Verify(authenticated, high, icv);
            }
            else
            {
                authentic = integrity.Verify(authenticated, icv);
            }

            if (!authentic)
            {
                return OpenStatus.AuthenticationFailed;
            }
        }

        if (window is not null && !window.TryAccept(sequence))
        {
            return OpenStatus.Replayed;
        }

        if (crypto.Aead is null)
        {
            crypto.Cipher!.Decrypt(iv, encrypted);
        }

        if (!EspTrailer.TryRead(encrypted, out payloadLength, out nextHeader))
        {
            return OpenStatus.BadPadding;
        }

        payloadOffset = espOffset + headLength;
        return OpenStatus.Opened;
    }

    private static bool LengthIsValid(SaTransform transform, int espLength)
    {
        if (espLength < EspLayout.MinimumLength(transform))
        {
            return false;
        }

        var encryptedLength = espLength - EspLayout.HeadLength(transform) - transform.IcvSize;
        return encryptedLength % transform.CipherBlockSize == 0;
    }
}
