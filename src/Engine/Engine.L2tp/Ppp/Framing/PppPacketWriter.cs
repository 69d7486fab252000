using System;
using System.Buffers.Binary;

namespace Engine.L2tp.Ppp.Framing;

/// <summary>
/// Builds PPP frames, control packets and options into a caller's span. It never throws and never
/// writes past the span: once something does not fit, <see cref="Overflowed"/> stays true and
/// nothing more is written, so a caller checks once at the end.
/// </summary>
public ref struct PppPacketWriter
{
    private readonly Span<byte> buffer;
    private int position;
    private int controlStart;

    public PppPacketWriter(Span<byte> buffer)
    {
        this.buffer = buffer;
        position = 0;
        controlStart = -1;
        Overflowed = false;
    }

    public bool Overflowed { get; private set; }

    public int Length => position;

    public readonly ReadOnlySpan<byte> Written => buffer[..position];

    /// <summary>
    /// Address/control and protocol field. LCP packets are always sent with FF 03 and two protocol
    /// bytes (RFC 1661 sections 6.5 and 6.6); other protocols follow the negotiated compression.
    /// </summary>
    public void WriteFrameHeader(ushort protocol, PppFrameCompression compression)
    {
        if (protocol == (ushort)PppProtocol.Lcp || (compression & PppFrameCompression.AddressControl) == 0)
        {
            WriteByte(0xFF);
            WriteByte(0x03);
        }

        if (PppFrame.CanCompressProtocol(protocol, compression))
        {
            WriteByte((byte)protocol);
        }
        else
        {
            WriteUInt16(protocol);
        }
    }

    /// <summary>Starts a control packet; <see cref="EndControlPacket"/> fills in its Length.</summary>
    public void BeginControlPacket(byte code, byte identifier)
    {
        controlStart = position;
        WriteByte(code);
        WriteByte(identifier);
        WriteUInt16(0);
    }

    public void EndControlPacket()
    {
        if (controlStart < 0 || Overflowed)
        {
            return;
        }

        var length = position - controlStart;
        if (length > ushort.MaxValue)
        {
            Overflowed = true;
            return;
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer[(controlStart + 2)..], (ushort)length);
        controlStart = -1;
    }

    public void WriteOption(byte type, scoped ReadOnlySpan<byte> value)
    {
        if (value.Length > byte.MaxValue - 2)
        {
            Overflowed = true;
            return;
        }

        WriteByte(type);
        WriteByte((byte)(value.Length + 2));
        WriteBytes(value);
    }

    public void WriteOptionEmpty(byte type) => WriteOption(type, []);

    public void WriteOptionUInt16(byte type, ushort value)
    {
        WriteByte(type);
        WriteByte(4);
        WriteUInt16(value);
    }

    public void WriteOptionUInt32(byte type, uint value)
    {
        WriteByte(type);
        WriteByte(6);
        WriteUInt32(value);
    }

    public void WriteByte(byte value)
    {
        if (!Reserve(1))
        {
            return;
        }

        buffer[position++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        if (!Reserve(2))
        {
            return;
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer[position..], value);
        position += 2;
    }

    public void WriteUInt32(uint value)
    {
        if (!Reserve(4))
        {
            return;
        }

        BinaryPrimitives.WriteUInt32BigEndian(buffer[position..], value);
        position += 4;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        if (!Reserve(value.Length))
        {
            return;
        }

        value.CopyTo(buffer[position..]);
        position += value.Length;
    }

    /// <summary>Copies as much of <paramref name="value"/> as fits (Code-Reject and Protocol-Reject truncate what they echo).</summary>
    public void WriteBytesTruncated(scoped ReadOnlySpan<byte> value)
    {
        if (Overflowed)
        {
            return;
        }

        var count = Math.Min(value.Length, buffer.Length - position);
        value[..count].CopyTo(buffer[position..]);
        position += count;
    }

    /// <summary>Bytes still free in the destination.</summary>
    public readonly int Remaining => Overflowed ? 0 : buffer.Length - position;

    private bool Reserve(int count)
    {
        if (Overflowed || buffer.Length - position < count)
        {
            Overflowed = true;
            return false;
        }

        return true;
    }
}
