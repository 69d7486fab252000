using System;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// The data of a CHAP Challenge or Response (RFC 1994 section 4.1):
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Value-Size   |  Value ...    |  Name ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Success and Failure carry only a message (section 4.2), read as the whole data.
/// </summary>
public readonly ref struct ChapValue
{
    public ChapValue(ReadOnlySpan<byte> value, ReadOnlySpan<byte> name)
    {
        Value = value;
        Name = name;
    }

    public ReadOnlySpan<byte> Value { get; }

    public ReadOnlySpan<byte> Name { get; }

    public static bool TryRead(ReadOnlySpan<byte> data, out ChapValue result, out PppFormatError error)
    {
        result = default;
        if (data.Length < 1 || data[0] == 0 || data.Length < 1 + data[0])
        {
            error = data.Length >= 1 && data[0] == 0 ? PppFormatError.BadLength : PppFormatError.Truncated;
            return false;
        }

        result = new ChapValue(data.Slice(1, data[0]), data[(1 + data[0])..]);
        error = PppFormatError.None;
        return true;
    }

    /// <summary>Writes a whole Challenge or Response packet.</summary>
    public static void Write(ref PppPacketWriter writer, ChapCode code, byte identifier, ReadOnlySpan<byte> value, ReadOnlySpan<byte> name)
    {
        writer.BeginControlPacket((byte)code, identifier);
        writer.WriteByte((byte)value.Length);
        writer.WriteBytes(value);
        writer.WriteBytes(name);
        writer.EndControlPacket();
    }

    /// <summary>Writes a whole Success or Failure packet.</summary>
    public static void WriteStatus(ref PppPacketWriter writer, ChapCode code, byte identifier, ReadOnlySpan<byte> message)
    {
        writer.BeginControlPacket((byte)code, identifier);
        writer.WriteBytes(message);
        writer.EndControlPacket();
    }
}
