using System;

namespace Engine.L2tp.Ppp.Framing;

/// <summary>
/// One PPP frame as L2TP carries it (RFC 2661 section 5.0: the HDLC-like framing of RFC 1662
/// without flags, transparency and FCS): optional address and control bytes FF 03, a protocol
/// field of one byte (PFC) or two, and the information field.
/// <code>
/// +----------+----------+----------+-----------------
/// | Address  | Control  | Protocol | Information ...
/// | 0xFF     | 0x03     | 8 or 16  |
/// +----------+----------+----------+-----------------
/// </code>
/// The receiver accepts every combination whatever LCP negotiated: RFC 1661 section 6.5/6.6
/// require a receiver to accept uncompressed frames, and peers that compress early exist.
/// </summary>
public readonly ref struct PppFrame
{
    public PppFrame(ushort protocol, ReadOnlySpan<byte> information, bool hasAddressControl, bool protocolCompressed)
    {
        Protocol = protocol;
        Information = information;
        HasAddressControl = hasAddressControl;
        ProtocolCompressed = protocolCompressed;
    }

    public ushort Protocol { get; }

    /// <summary>Everything after the protocol field (a control packet or a datagram).</summary>
    public ReadOnlySpan<byte> Information { get; }

    public bool HasAddressControl { get; }

    public bool ProtocolCompressed { get; }

    /// <summary>Bytes of header before the information field.</summary>
    public int HeaderLength => (HasAddressControl ? 2 : 0) + (ProtocolCompressed ? 1 : 2);

    /// <summary>Parses the frame header; false with the reason when the bytes are not a PPP frame.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out PppFrame result, out PppFormatError error)
    {
        result = default;
        var offset = 0;
        var addressControl = false;
        if (frame.Length >= 1 && frame[0] == 0xFF)
        {
            if (frame.Length < 2)
            {
                error = PppFormatError.Truncated;
                return false;
            }

            if (frame[1] != 0x03)
            {
                error = PppFormatError.BadAddressControl;
                return false;
            }

            offset = 2;
            addressControl = true;
        }

        if (frame.Length <= offset)
        {
            error = PppFormatError.Truncated;
            return false;
        }

        ushort protocol;
        bool compressed;
        var first = frame[offset];
        if ((first & 1) == 1)
        {
            // An odd first octet can only be a compressed (one-octet) protocol field.
            protocol = first;
            compressed = true;
            offset += 1;
        }
        else
        {
            if (frame.Length < offset + 2)
            {
                error = PppFormatError.Truncated;
                return false;
            }

            var second = frame[offset + 1];
            if ((second & 1) == 0)
            {
                error = PppFormatError.BadProtocolField;
                return false;
            }

            protocol = (ushort)((first << 8) | second);
            compressed = false;
            offset += 2;
        }

        result = new PppFrame(protocol, frame[offset..], addressControl, compressed);
        error = PppFormatError.None;
        return true;
    }

    /// <summary>Header bytes <see cref="PppPacketWriter.WriteFrameHeader"/> writes for this protocol and compression.</summary>
    public static int HeaderSize(ushort protocol, PppFrameCompression compression)
    {
        var size = (compression & PppFrameCompression.AddressControl) != 0 && protocol != (ushort)PppProtocol.Lcp ? 0 : 2;
        return size + (CanCompressProtocol(protocol, compression) ? 1 : 2);
    }

    internal static bool CanCompressProtocol(ushort protocol, PppFrameCompression compression) =>
        (compression & PppFrameCompression.ProtocolField) != 0 && protocol <= 0xFF && (protocol & 1) == 1;
}
