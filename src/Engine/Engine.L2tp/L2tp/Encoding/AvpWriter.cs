using System;
using System.Buffers.Binary;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// Appends AVPs to a control message body in a caller's buffer. The Try methods return false
/// when the buffer is too small (nothing is written then); a value longer than an AVP can carry
/// (1023 octets with the header) is the caller's bug and throws.
/// </summary>
public ref struct AvpWriter
{
    private const ushort MandatoryBit = 0x8000;
    private const ushort HiddenBit = 0x4000;

    private readonly Span<byte> destination;
    private int position;

    public AvpWriter(Span<byte> destination)
    {
        this.destination = destination;
        position = 0;
    }

    /// <summary>Octets written so far.</summary>
    public readonly int Written => position;

    /// <summary>The octets an AVP with this value takes, header included.</summary>
    public static int Measure(int valueLength, bool hidden, int paddingLength = 0) =>
        AvpCatalog.HeaderLength + (hidden ? AvpHiding.HiddenLength(valueLength, paddingLength) : valueLength);

    public bool TryWrite(ushort vendorId, ushort attributeType, bool mandatory, scoped ReadOnlySpan<byte> value)
    {
        var length = Measure(value.Length, hidden: false);
        if (!TryWriteHeader(length, vendorId, attributeType, mandatory, hidden: false))
        {
            return false;
        }

        value.CopyTo(destination[(position + AvpCatalog.HeaderLength)..]);
        position += length;
        return true;
    }

    public bool TryWrite(AvpType type, bool mandatory, scoped ReadOnlySpan<byte> value) =>
        TryWrite(0, (ushort)type, mandatory, value);

    /// <summary>Writes the AVP with the H bit, its value hidden with the secret and the message's random vector.</summary>
    public bool TryWriteHidden(ushort vendorId, ushort attributeType, bool mandatory, scoped ReadOnlySpan<byte> value,
        scoped ReadOnlySpan<byte> secret, scoped ReadOnlySpan<byte> randomVector, scoped ReadOnlySpan<byte> padding = default)
    {
        var length = Measure(value.Length, hidden: true, padding.Length);
        if (!TryWriteHeader(length, vendorId, attributeType, mandatory, hidden: true))
        {
            return false;
        }

        AvpHiding.Hide(attributeType, secret, randomVector, value, padding, destination.Slice(position + AvpCatalog.HeaderLength, length - AvpCatalog.HeaderLength));
        position += length;
        return true;
    }

    public bool TryWriteUInt16(AvpType type, bool mandatory, ushort value)
    {
        Span<byte> octets = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(octets, value);
        return TryWrite(type, mandatory, octets);
    }

    public bool TryWriteUInt32(AvpType type, bool mandatory, uint value)
    {
        Span<byte> octets = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(octets, value);
        return TryWrite(type, mandatory, octets);
    }

    private readonly bool TryWriteHeader(int length, ushort vendorId, ushort attributeType, bool mandatory, bool hidden)
    {
        if (length > AvpCatalog.MaximumAvpLength)
        {
            throw new ArgumentException($"an AVP of {length} octets exceeds the 1023 its Length field can say");
        }

        if (destination.Length - position < length)
        {
            return false;
        }

        var word = (ushort)(length | (mandatory ? MandatoryBit : 0) | (hidden ? HiddenBit : 0));
        var header = destination[position..];
        BinaryPrimitives.WriteUInt16BigEndian(header, word);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], vendorId);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], attributeType);
        return true;
    }
}
