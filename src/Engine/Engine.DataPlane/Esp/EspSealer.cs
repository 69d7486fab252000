using System;
using System.Buffers.Binary;
using Engine.Crypto.Esp;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Esp;

/// <summary>
/// Outbound ESP (RFC 4303 section 3.3) in place: the payload already sits in the buffer with
/// head room before it (header and IV go there) and tail room after it (trailer and ICV).
/// Encrypt-then-MAC for CBC with an HMAC; one AEAD call for GCM.
/// </summary>
internal static class EspSealer
{
    /// <summary>
    /// Seals the payload at <paramref name="payloadOffset"/> with a fresh IV (CSPRNG for CBC, the
    /// sequence number for GCM) and returns the ESP packet's length, which starts
    /// <see cref="EspLayout.HeadLength"/> bytes before the payload.
    /// </summary>
    public static int Seal(SaTransform transform, SaCryptoContext crypto, uint spi, ulong sequence, bool extendedSequenceNumbers,
        Span<byte> buffer, int payloadOffset, int payloadLength, byte nextHeader)
    {
        var iv = buffer.Slice(payloadOffset - transform.IvSize, transform.IvSize);
        if (crypto.Aead is not null)
        {
            EspIv.WriteFromSequenceNumber(sequence, iv);
        }
        else if (!iv.IsEmpty)
        {
            EspIv.FillUnpredictable(iv);
        }

        return SealWithIv(transform, crypto, spi, sequence, extendedSequenceNumbers, buffer, payloadOffset, payloadLength, nextHeader);
    }

    /// <summary>Seals with the IV already written in front of the payload (known-answer tests choose it).</summary>
    internal static int SealWithIv(SaTransform transform, SaCryptoContext crypto, uint spi, ulong sequence, bool extendedSequenceNumbers,
        Span<byte> buffer, int payloadOffset, int payloadLength, byte nextHeader)
    {
        var headLength = EspLayout.HeadLength(transform);
        var espOffset = payloadOffset - headLength;
        BinaryPrimitives.WriteUInt32BigEndian(buffer[espOffset..], spi);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[(espOffset + 4)..], (uint)sequence);

        var padding = EspTrailer.PaddingFor(payloadLength, transform.Alignment);
        var encryptedLength = payloadLength + EspTrailer.Write(buffer[(payloadOffset + payloadLength)..], padding, nextHeader);
        var iv = buffer.Slice(payloadOffset - transform.IvSize, transform.IvSize);
        var encrypted = buffer.Slice(payloadOffset, encryptedLength);
        var icv = buffer.Slice(payloadOffset + encryptedLength, transform.IcvSize);

        if (crypto.Aead is { } aead)
        {
            Span<byte> aad = stackalloc byte[EspAad.ExtendedSize];
            var aadLength = EspAad.Write(aad, spi, sequence, extendedSequenceNumbers);
            aead.Seal(aad[..aadLength], iv, encrypted, icv);
        }
        else
        {
            crypto.Cipher!.Encrypt(iv, encrypted);
            if (crypto.Integrity is { } integrity)
            {
                var authenticated = buffer.Slice(espOffset, headLength + encryptedLength);
                if (extendedSequenceNumbers)
                {
                    // RFC 4303 section 2.2.1: the high half is authenticated as if it followed the packet.
                    Span<byte> high = stackalloc byte[4];
                    BinaryPrimitives.WriteUInt32BigEndian(high, (uint)(sequence >> 32));
                    integrity.Compute(authenticated, high, icv);
                }
                else
                {
                    integrity.Compute(authenticated, icv);
                }
            }
        }

        return headLength + encryptedLength + transform.IcvSize;
    }
}
