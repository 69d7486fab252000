using System;
using System.Buffers.Binary;

namespace Engine.L2tp.Ppp.Framing;

/// <summary>
/// The packet format shared by LCP, IPCP, IPv6CP, PAP and CHAP (RFC 1661 section 5):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Code      |  Identifier   |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Data ...
/// +-+-+-+-+
/// </code>
/// Bytes beyond Length are padding and ignored (RFC 1661: "Octets outside the range of the
/// Length field are treated as padding and are ignored on reception").
/// </summary>
public readonly ref struct PppControlPacket
{
    public const int HeaderSize = 4;

    public PppControlPacket(byte code, byte identifier, ReadOnlySpan<byte> data, ReadOnlySpan<byte> raw)
    {
        Code = code;
        Identifier = identifier;
        Data = data;
        Raw = raw;
    }

    public byte Code { get; }

    public byte Identifier { get; }

    /// <summary>The bytes after the 4-byte header, up to Length.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The whole packet, header included, up to Length (what a Code-Reject echoes back).</summary>
    public ReadOnlySpan<byte> Raw { get; }

    public static bool TryRead(ReadOnlySpan<byte> packet, out PppControlPacket result, out PppFormatError error)
    {
        result = default;
        if (packet.Length < HeaderSize)
        {
            error = PppFormatError.Truncated;
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (length < HeaderSize)
        {
            error = PppFormatError.BadLength;
            return false;
        }

        if (length > packet.Length)
        {
            error = PppFormatError.Truncated;
            return false;
        }

        result = new PppControlPacket(packet[0], packet[1], packet[HeaderSize..length], packet[..length]);
        error = PppFormatError.None;
        return true;
    }
}
