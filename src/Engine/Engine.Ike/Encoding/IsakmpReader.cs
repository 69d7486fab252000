using System.Buffers.Binary;

namespace Engine.Ike.Encoding;

/// <summary>
/// Big-endian cursor over one ISAKMP structure. The Try methods report a shortfall with false
/// (input that may simply be incomplete); the Read methods are for bodies whose size an enclosing
/// length field already fixed, where a shortfall means the peer's payload is malformed, so they
/// throw <see cref="IsakmpProtocolException"/> with PAYLOAD-MALFORMED instead of running off the end.
/// </summary>
public ref struct IsakmpReader
{
    private readonly ReadOnlySpan<byte> buffer;
    private int position;

    public IsakmpReader(ReadOnlySpan<byte> buffer)
    {
        this.buffer = buffer;
        position = 0;
    }

    public readonly int Position => position;

    public readonly int Remaining => buffer.Length - position;

    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }

        value = buffer[position];
        position += 1;
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(buffer.Slice(position, 2));
        position += 2;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(buffer.Slice(position, 4));
        position += 4;
        return true;
    }

    public bool TryReadUInt64(out ulong value)
    {
        if (Remaining < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(buffer.Slice(position, 8));
        position += 8;
        return true;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> value)
    {
        if (count < 0 || Remaining < count)
        {
            value = default;
            return false;
        }

        value = buffer.Slice(position, count);
        position += count;
        return true;
    }

    public byte ReadByte(string field) =>
        TryReadByte(out var value) ? value : throw Short(field);

    public ushort ReadUInt16(string field) =>
        TryReadUInt16(out var value) ? value : throw Short(field);

    public uint ReadUInt32(string field) =>
        TryReadUInt32(out var value) ? value : throw Short(field);

    public ReadOnlySpan<byte> ReadBytes(int count, string field) =>
        TryReadBytes(count, out var value) ? value : throw Short(field);

    /// <summary>Everything not read yet (the variable-length tail most payloads end with).</summary>
    public ReadOnlySpan<byte> ReadRemaining()
    {
        var rest = buffer[position..];
        position = buffer.Length;
        return rest;
    }

    private readonly IsakmpProtocolException Short(string field) =>
        IsakmpProtocolException.Malformed($"{field} runs past the end of its payload ({Remaining} bytes left)");
}
