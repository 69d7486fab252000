using System;
using System.Buffers.Binary;
using System.Globalization;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// Walks the AVPs of one control message body (the payload after the header, whose size the
/// header's Length already fixed). An AVP whose Length is below 6 or runs past the body is the
/// peer's fault and throws <see cref="L2tpProtocolException"/> ("Length is wrong"); nothing reads
/// past the span.
/// </summary>
public ref struct AvpReader
{
    private const ushort MandatoryBit = 0x8000;
    private const ushort HiddenBit = 0x4000;
    private const ushort ReservedBits = 0x3C00;
    private const ushort LengthMask = 0x03FF;

    private readonly ReadOnlySpan<byte> body;
    private int position;

    public AvpReader(ReadOnlySpan<byte> body)
    {
        this.body = body;
        position = 0;
    }

    /// <summary>Offset of the next AVP in the body.</summary>
    public readonly int Position => position;

    /// <summary>Reads the next AVP; false when the body is exhausted.</summary>
    public bool TryReadNext(out AvpView avp)
    {
        if (position == body.Length)
        {
            avp = default;
            return false;
        }

        var remaining = body.Length - position;
        if (remaining < AvpCatalog.HeaderLength)
        {
            throw L2tpProtocolException.Malformed(string.Create(CultureInfo.InvariantCulture,
                $"{remaining} octets after the last AVP are too few for another AVP header"));
        }

        var word = BinaryPrimitives.ReadUInt16BigEndian(body[position..]);
        var length = word & LengthMask;
        if (length < AvpCatalog.HeaderLength || length > remaining)
        {
            throw L2tpProtocolException.Malformed(string.Create(CultureInfo.InvariantCulture,
                $"AVP at offset {position} has length {length}, outside 6..{remaining}"));
        }

        var vendorId = BinaryPrimitives.ReadUInt16BigEndian(body[(position + 2)..]);
        var attributeType = BinaryPrimitives.ReadUInt16BigEndian(body[(position + 4)..]);
        avp = new AvpView(
            (word & MandatoryBit) != 0,
            (word & HiddenBit) != 0,
            (word & ReservedBits) != 0,
            vendorId,
            attributeType,
            body.Slice(position + AvpCatalog.HeaderLength, length - AvpCatalog.HeaderLength));
        position += length;
        return true;
    }
}
