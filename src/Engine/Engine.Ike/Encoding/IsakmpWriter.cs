using System.Buffers.Binary;

namespace Engine.Ike.Encoding;

/// <summary>
/// Big-endian cursor that fills a destination sized beforehand from the payloads' lengths.
/// Running out of room is a bug in the caller's length arithmetic, never a peer's doing, so it
/// throws <see cref="InvalidOperationException"/>.
/// </summary>
public ref struct IsakmpWriter
{
    private readonly Span<byte> buffer;
    private int position;

    public IsakmpWriter(Span<byte> buffer)
    {
        this.buffer = buffer;
        position = 0;
    }

    public readonly int Position => position;

    public void WriteByte(byte value) => Take(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Take(8), value);

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

    public void WriteZeros(int count) => Take(count).Clear();

    private Span<byte> Take(int count)
    {
        if (buffer.Length - position < count)
        {
            throw new InvalidOperationException(
                $"ISAKMP writer needs {count} more bytes at offset {position} but the destination holds {buffer.Length}.");
        }

        var slot = buffer.Slice(position, count);
        position += count;
        return slot;
    }
}
