using System;
using System.Buffers.Binary;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// The L2TP header (RFC 2661 section 3.1), shared by control and data messages:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Tunnel ID           |           Session ID          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |             Ns (opt)          |             Nr (opt)          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Offset Size (opt)        |    Offset pad... (opt)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Control messages always have T, L and S set and O, P clear (the first word is 0xC802). The
/// tunnel and session IDs are the <em>recipient's</em>. Reserved bits are sent as zero and ignored
/// on receipt, as section 3.1 says.
/// </summary>
public readonly struct L2tpHeader
{
    public const ushort TypeBit = 0x8000;
    public const ushort LengthBit = 0x4000;
    public const ushort SequenceBit = 0x0800;
    public const ushort OffsetBit = 0x0200;
    public const ushort PriorityBit = 0x0100;
    public const ushort VersionMask = 0x000F;

    /// <summary>L2TP version 2; 1 is L2F, 3 is L2TPv3 (RFC 3931).</summary>
    public const int Version2 = 2;

    /// <summary>Every control header: flags, length, tunnel, session, Ns, Nr.</summary>
    public const int ControlHeaderLength = 12;

    /// <summary>The largest data header this implementation writes (flags, length, IDs, Ns, Nr; no offset).</summary>
    public const int MaximumDataHeaderLength = 12;

    private L2tpHeader(ushort flags, ushort length, ushort tunnelId, ushort sessionId, ushort ns, ushort nr, ushort offsetSize, int headerLength, int payloadLength)
    {
        Flags = flags;
        Length = length;
        TunnelId = tunnelId;
        SessionId = sessionId;
        Ns = ns;
        Nr = nr;
        OffsetSize = offsetSize;
        HeaderLength = headerLength;
        PayloadLength = payloadLength;
    }

    /// <summary>The first 16 bits as received (flags and version).</summary>
    public ushort Flags { get; }

    public bool IsControl => (Flags & TypeBit) != 0;

    public bool HasLength => (Flags & LengthBit) != 0;

    public bool HasSequence => (Flags & SequenceBit) != 0;

    public bool HasOffset => (Flags & OffsetBit) != 0;

    public bool IsPriority => (Flags & PriorityBit) != 0;

    public int Version => Flags & VersionMask;

    /// <summary>The Length field, or 0 when the L bit is clear.</summary>
    public ushort Length { get; }

    /// <summary>The recipient's tunnel ID (0 in an SCCRQ, which is sent before the peer assigned one).</summary>
    public ushort TunnelId { get; }

    /// <summary>The recipient's session ID (0 for tunnel messages and before the peer assigned one).</summary>
    public ushort SessionId { get; }

    /// <summary>The sequence number of this message, when <see cref="HasSequence"/>.</summary>
    public ushort Ns { get; }

    /// <summary>The next sequence number the sender expects (control) or reserved (data), when <see cref="HasSequence"/>.</summary>
    public ushort Nr { get; }

    public ushort OffsetSize { get; }

    /// <summary>Octets from the start of the datagram to the payload (offset padding included).</summary>
    public int HeaderLength { get; }

    /// <summary>Octets of payload: the AVPs of a control message, the PPP frame of a data message.</summary>
    public int PayloadLength { get; }

    /// <summary>A control message without AVPs: a zero-length-body acknowledgment (section 5.8).</summary>
    public bool IsZeroLengthBody => IsControl && PayloadLength == 0;

    /// <summary>The payload of <paramref name="datagram"/>, which must be the span this header was read from.</summary>
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> datagram) => datagram.Slice(HeaderLength, PayloadLength);

    /// <summary>
    /// Reads the header of one UDP payload. Returns false when the datagram ends inside the header
    /// or before the Length field says it should (truncated input). Throws <see
    /// cref="L2tpProtocolException"/> (scope Datagram: drop it) for a version other than 2, a
    /// control message without the L and S bits or with O or P, or a Length shorter than the header.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, out L2tpHeader header)
    {
        header = default;
        if (datagram.Length < 2)
        {
            return false;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        var version = flags & VersionMask;
        if (version != Version2)
        {
            throw L2tpProtocolException.Malformed($"L2TP version {version} is not 2 (1 is L2F, 3 is L2TPv3)");
        }

        var control = (flags & TypeBit) != 0;
        if (control && ((flags & LengthBit) == 0 || (flags & SequenceBit) == 0))
        {
            throw L2tpProtocolException.Malformed("a control message must have the L and S bits set");
        }

        if (control && (flags & (OffsetBit | PriorityBit)) != 0)
        {
            throw L2tpProtocolException.Malformed("a control message must have the O and P bits clear");
        }

        var position = 2;
        ushort length = 0;
        if ((flags & LengthBit) != 0)
        {
            if (datagram.Length < position + 2)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(datagram[position..]);
            position += 2;
        }

        if (datagram.Length < position + 4)
        {
            return false;
        }

        var tunnelId = BinaryPrimitives.ReadUInt16BigEndian(datagram[position..]);
        var sessionId = BinaryPrimitives.ReadUInt16BigEndian(datagram[(position + 2)..]);
        position += 4;

        ushort ns = 0, nr = 0;
        if ((flags & SequenceBit) != 0)
        {
            if (datagram.Length < position + 4)
            {
                return false;
            }

            ns = BinaryPrimitives.ReadUInt16BigEndian(datagram[position..]);
            nr = BinaryPrimitives.ReadUInt16BigEndian(datagram[(position + 2)..]);
            position += 4;
        }

        ushort offsetSize = 0;
        if ((flags & OffsetBit) != 0)
        {
            if (datagram.Length < position + 2)
            {
                return false;
            }

            offsetSize = BinaryPrimitives.ReadUInt16BigEndian(datagram[position..]);
            position += 2 + offsetSize;
        }

        var end = datagram.Length;
        if ((flags & LengthBit) != 0)
        {
            if (length < position)
            {
                throw L2tpProtocolException.Malformed($"the Length field ({length}) is shorter than the header ({position} octets)");
            }

            end = length;
        }

        if (datagram.Length < end || datagram.Length < position)
        {
            return false;
        }

        header = new L2tpHeader(flags, length, tunnelId, sessionId, ns, nr, offsetSize, position, end - position);
        return true;
    }

    /// <summary>Writes the fixed 12-octet control header (0xC802, length, IDs, Ns, Nr).</summary>
    public static void WriteControl(Span<byte> destination, int messageLength, ushort tunnelId, ushort sessionId, ushort ns, ushort nr)
    {
        if (messageLength is < ControlHeaderLength or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(messageLength), messageLength, "a control message is 12 to 65535 octets");
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, TypeBit | LengthBit | SequenceBit | Version2);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)messageLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], tunnelId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], sessionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], ns);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], nr);
    }

    /// <summary>The length of the data header <see cref="WriteData"/> writes with these options.</summary>
    public static int DataHeaderLength(bool includeLength, bool sequenced) => 6 + (includeLength ? 2 : 0) + (sequenced ? 4 : 0);

    /// <summary>
    /// Writes a data message header (T clear, no offset) for a payload of <paramref name="payloadLength"/>
    /// octets and returns the header's length. Nr is reserved in data messages (section 3.1) and sent as 0.
    /// </summary>
    public static int WriteData(Span<byte> destination, ushort tunnelId, ushort sessionId, int payloadLength, bool includeLength, bool sequenced, ushort ns)
    {
        var headerLength = DataHeaderLength(includeLength, sequenced);
        if (includeLength && headerLength + payloadLength > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLength), payloadLength, "the data message does not fit the 16-bit Length field");
        }

        var flags = (ushort)(Version2 | (includeLength ? LengthBit : 0) | (sequenced ? SequenceBit : 0));
        BinaryPrimitives.WriteUInt16BigEndian(destination, flags);
        var position = 2;
        if (includeLength)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[position..], (ushort)(headerLength + payloadLength));
            position += 2;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[position..], tunnelId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], sessionId);
        position += 4;
        if (sequenced)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[position..], ns);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], 0);
        }

        return headerLength;
    }
}
