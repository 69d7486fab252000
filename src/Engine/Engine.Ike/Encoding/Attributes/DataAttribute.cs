using System.Buffers.Binary;

namespace Engine.Ike.Encoding.Attributes;

/// <summary>
/// An ISAKMP data attribute (RFC 2408 section 3.3), used by transforms and by the
/// RESPONDER-LIFETIME notification. With the AF bit set it is the basic TV form whose 16-bit value
/// sits in the length field; without it, the TLV form with a variable value.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !A!       Attribute Type        !    AF=0  Attribute Length     !
/// !F!                             !    AF=1  Attribute Value      !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// .                   AF=0  Attribute Value                       .
/// .                   AF=1  Not Transmitted                       .
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class DataAttribute
{
    private const ushort FormatBit = 0x8000;
    private readonly byte[] variableValue;

    private DataAttribute(ushort type, bool isBasic, ushort basicValue, byte[] variableValue)
    {
        Type = type;
        IsBasic = isBasic;
        BasicValue = basicValue;
        this.variableValue = variableValue;
    }

    /// <summary>The 15-bit attribute type; its meaning depends on the transform's protocol.</summary>
    public ushort Type { get; }

    /// <summary>True for the TV form (AF bit set).</summary>
    public bool IsBasic { get; }

    /// <summary>The value of a TV attribute; zero for TLV.</summary>
    public ushort BasicValue { get; }

    /// <summary>The value of a TLV attribute; empty for TV.</summary>
    public ReadOnlyMemory<byte> VariableValue => variableValue;

    /// <summary>Bytes on the wire.</summary>
    public int Length => IsBasic ? 4 : 4 + variableValue.Length;

    public static DataAttribute Basic(ushort type, ushort value) =>
        new(CheckType(type), true, value, []);

    public static DataAttribute Variable(ushort type, ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A TLV attribute value holds at most 65535 bytes.");
        }

        return new(CheckType(type), false, 0, value.ToArray());
    }

    /// <summary>
    /// A 4-byte TLV number: how Windows and strongSwan send life durations, even small ones,
    /// so that a 28800-second lifetime reads "LifeDuration(4)" as peers expect.
    /// </summary>
    public static DataAttribute VariableUInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Variable(type, bytes);
    }

    /// <summary>TV when the number fits 16 bits, otherwise a 4- or 8-byte TLV (RFC 2408 allows both).</summary>
    public static DataAttribute Integer(ushort type, ulong value)
    {
        if (value <= ushort.MaxValue)
        {
            return Basic(type, (ushort)value);
        }

        if (value <= uint.MaxValue)
        {
            return VariableUInt32(type, (uint)value);
        }

        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return Variable(type, bytes);
    }

    /// <summary>
    /// The attribute as an unsigned number: the TV value, or a TLV value of 1-8 big-endian bytes.
    /// False for an empty or longer TLV value, which no numeric attribute may have.
    /// </summary>
    public bool TryGetInteger(out ulong value)
    {
        if (IsBasic)
        {
            value = BasicValue;
            return true;
        }

        value = 0;
        if (variableValue.Length is 0 or > 8)
        {
            return false;
        }

        foreach (var b in variableValue)
        {
            value = (value << 8) | b;
        }

        return true;
    }

    /// <summary>Reads one attribute; false when the bytes end inside it.</summary>
    public static bool TryRead(ref IsakmpReader reader, out DataAttribute? attribute)
    {
        attribute = null;
        if (!reader.TryReadUInt16(out var typeField) || !reader.TryReadUInt16(out var lengthOrValue))
        {
            return false;
        }

        var type = (ushort)(typeField & ~FormatBit);
        if ((typeField & FormatBit) != 0)
        {
            attribute = new DataAttribute(type, true, lengthOrValue, []);
            return true;
        }

        if (!reader.TryReadBytes(lengthOrValue, out var value))
        {
            return false;
        }

        attribute = new DataAttribute(type, false, 0, value.ToArray());
        return true;
    }

    public void Write(ref IsakmpWriter writer)
    {
        if (IsBasic)
        {
            writer.WriteUInt16((ushort)(Type | FormatBit));
            writer.WriteUInt16(BasicValue);
            return;
        }

        writer.WriteUInt16(Type);
        writer.WriteUInt16((ushort)variableValue.Length);
        writer.WriteBytes(variableValue);
    }

    public override string ToString() =>
        IsBasic ? $"{Type}={BasicValue}" : $"{Type}=0x{Convert.ToHexString(variableValue)}";

    private static ushort CheckType(ushort type) =>
        (type & FormatBit) == 0
            ? type
            : throw new ArgumentOutOfRangeException(nameof(type), "Attribute types have 15 bits; the top bit is the AF flag.");
}
