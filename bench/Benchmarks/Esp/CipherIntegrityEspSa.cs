using System;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Esp;
using Engine.Crypto.Integrity;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>
/// ESP with a separate cipher and HMAC (AES-CBC, 3DES-CBC or NULL with HMAC-SHA1-96 or
/// HMAC-SHA-256-128): a fresh unpredictable IV per packet from the CSPRNG (RFC 3602 section 3),
/// encrypt then MAC over SPI .. trailer; inbound verifies the ICV before decrypting anything.
/// </summary>
public sealed class CipherIntegrityEspSa : EspSa
{
    private readonly ICipher cipher;
    private readonly IIntegrity integrity;

    public CipherIntegrityEspSa(ICipher cipher, IIntegrity integrity)
        : base(cipher.IvSize, cipher.BlockSize, integrity.IcvSize)
    {
        this.cipher = cipher;
        this.integrity = integrity;
    }

    public override void Dispose()
    {
        cipher.Dispose();
        integrity.Dispose();
    }

    protected override void Protect(Span<byte> packet, uint sequenceNumber, int encryptedLength)
    {
        var iv = packet.Slice(HeaderSize, IvSize);
        if (!iv.IsEmpty)
        {
            EspIv.FillUnpredictable(iv);
        }

        cipher.Encrypt(iv, packet.Slice(PayloadOffset, encryptedLength));
        var icvOffset = PayloadOffset + encryptedLength;
        integrity.Compute(packet[..icvOffset], packet.Slice(icvOffset, IcvSize));
    }

    protected override bool Unprotect(Span<byte> packet, int encryptedLength)
    {
        var icvOffset = PayloadOffset + encryptedLength;
        if (!integrity.Verify(packet[..icvOffset], packet.Slice(icvOffset, IcvSize)))
        {
            return false;
        }

        cipher.Decrypt(packet.Slice(HeaderSize, IvSize), packet.Slice(PayloadOffset, encryptedLength));
        return true;
    }
}
