using System;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// The data of a PAP Authenticate-Request (RFC 1334 section 2.2.1):
/// <code>
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Peer-ID Length|  Peer-Id ...  | Passwd-Length |  Password ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly ref struct PapRequest
{
    public PapRequest(ReadOnlySpan<byte> peerId, ReadOnlySpan<byte> password)
    {
        PeerId = peerId;
        Password = password;
    }

    public ReadOnlySpan<byte> PeerId { get; }

    public ReadOnlySpan<byte> Password { get; }

    public static bool TryRead(ReadOnlySpan<byte> data, out PapRequest request, out PppFormatError error)
    {
        request = default;
        if (data.Length < 1 || data.Length < 1 + data[0] + 1)
        {
            error = PppFormatError.Truncated;
            return false;
        }

        var peerId = data.Slice(1, data[0]);
        var rest = data[(1 + data[0])..];
        if (rest.Length < 1 + rest[0])
        {
            error = PppFormatError.Truncated;
            return false;
        }

        request = new PapRequest(peerId, rest.Slice(1, rest[0]));
        error = PppFormatError.None;
        return true;
    }

    /// <summary>Writes a whole Authenticate-Request packet; false when a field exceeds 255 bytes or the destination.</summary>
    public static bool Write(ref PppPacketWriter writer, byte identifier, ReadOnlySpan<byte> peerId, ReadOnlySpan<byte> password)
    {
        if (peerId.Length > byte.MaxValue || password.Length > byte.MaxValue)
        {
            return false;
        }

        writer.BeginControlPacket((byte)PapCode.AuthenticateRequest, identifier);
        writer.WriteByte((byte)peerId.Length);
        writer.WriteBytes(peerId);
        writer.WriteByte((byte)password.Length);
        writer.WriteBytes(password);
        writer.EndControlPacket();
        return !writer.Overflowed;
    }

    /// <summary>Authenticate-Ack or -Nak: a length-prefixed message (RFC 1334 section 2.2.2).</summary>
    public static void WriteReply(ref PppPacketWriter writer, PapCode code, byte identifier, ReadOnlySpan<byte> message)
    {
        var length = Math.Min(message.Length, byte.MaxValue);
        writer.BeginControlPacket((byte)code, identifier);
        writer.WriteByte((byte)length);
        writer.WriteBytes(message[..length]);
        writer.EndControlPacket();
    }

    public static bool TryReadReplyMessage(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> message)
    {
        message = default;
        if (data.Length < 1 || data.Length < 1 + data[0])
        {
            return false;
        }

        message = data.Slice(1, data[0]);
        return true;
    }
}
