using System;
using Engine.Crypto.Aead;
using Engine.Crypto.Esp;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>
/// ESP with a combined-mode transform (AES-GCM-16, RFC 4106): the 8-byte IV is the sequence
/// number (unique per key, <see cref="EspIv.WriteFromSequenceNumber"/>), the AAD is SPI || seq,
/// which without ESN are exactly the first 8 bytes of the packet.
/// </summary>
public sealed class AeadEspSa : EspSa
{
    private readonly IAead aead;

    public AeadEspSa(IAead aead)
        : base(aead.IvSize, blockSize: 4, aead.IcvSize)
    {
        this.aead = aead;
    }

    public override void Dispose() => aead.Dispose();

    protected override void Protect(Span<byte> packet, uint sequenceNumber, int encryptedLength)
    {
        var iv = packet.Slice(HeaderSize, IvSize);
        EspIv.WriteFromSequenceNumber(sequenceNumber, iv);
        aead.Seal(packet[..EspAad.Size], iv, packet.Slice(PayloadOffset, encryptedLength), packet.Slice(PayloadOffset + encryptedLength, IcvSize));
    }

    protected override bool Unprotect(Span<byte> packet, int encryptedLength) =>
        aead.Open(packet[..EspAad.Size], packet.Slice(HeaderSize, IvSize), packet.Slice(PayloadOffset, encryptedLength), packet.Slice(PayloadOffset + encryptedLength, IcvSize));
}
