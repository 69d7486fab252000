using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding;

/// <summary>
/// The fixed ISAKMP header, RFC 2408 section 3.1. The cookies are IKEv1's SPIs (strongSwan and
/// IKEv2 call them that); they are read as 64-bit big-endian numbers, so the hex string of the
/// number is the hex dump of the wire.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                          Initiator                            !
/// !                            Cookie                             !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                          Responder                            !
/// !                            Cookie                             !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Next Payload ! MjVer ! MnVer ! Exchange Type !     Flags     !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                          Message ID                           !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                            Length                             !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public readonly record struct IsakmpHeader
{
    /// <summary>Bytes on the wire.</summary>
    public const int Size = 28;

    public IsakmpHeader()
    {
    }

    public ulong InitiatorSpi { get; init; }

    /// <summary>Zero in the first message of an exchange that creates the ISAKMP SA.</summary>
    public ulong ResponderSpi { get; init; }

    /// <summary>Type of the first payload; on write it comes from the payload chain.</summary>
    public IsakmpPayloadType NextPayload { get; init; }

    public byte MajorVersion { get; init; } = 1;

    public byte MinorVersion { get; init; }

    public IsakmpExchangeType ExchangeType { get; init; }

    public IsakmpHeaderFlags Flags { get; init; }

    /// <summary>Zero in phase 1; random and unique per Quick Mode or Informational exchange.</summary>
    public uint MessageId { get; init; }

    /// <summary>Total message length including this header; on write it is computed.</summary>
    public uint Length { get; init; }

    public bool IsEncrypted => (Flags & IsakmpHeaderFlags.Encryption) != 0;

    /// <summary>Reads the 28 header bytes; false when fewer are there.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out IsakmpHeader header)
    {
        var reader = new IsakmpReader(source);
        if (!reader.TryReadUInt64(out var initiator) ||
            !reader.TryReadUInt64(out var responder) ||
            !reader.TryReadByte(out var next) ||
            !reader.TryReadByte(out var version) ||
            !reader.TryReadByte(out var exchange) ||
            !reader.TryReadByte(out var flags) ||
            !reader.TryReadUInt32(out var messageId) ||
            !reader.TryReadUInt32(out var length))
        {
            header = default;
            return false;
        }

        header = new IsakmpHeader
        {
            InitiatorSpi = initiator,
            ResponderSpi = responder,
            NextPayload = (IsakmpPayloadType)next,
            MajorVersion = (byte)(version >> 4),
            MinorVersion = (byte)(version & 0x0F),
            ExchangeType = (IsakmpExchangeType)exchange,
            Flags = (IsakmpHeaderFlags)flags,
            MessageId = messageId,
            Length = length,
        };
        return true;
    }

    public void Write(ref IsakmpWriter writer)
    {
        writer.WriteUInt64(InitiatorSpi);
        writer.WriteUInt64(ResponderSpi);
        writer.WriteByte((byte)NextPayload);
        writer.WriteByte((byte)((MajorVersion << 4) | (MinorVersion & 0x0F)));
        writer.WriteByte((byte)ExchangeType);
        writer.WriteByte((byte)Flags);
        writer.WriteUInt32(MessageId);
        writer.WriteUInt32(Length);
    }

    /// <summary>
    /// RFC 2408 section 5.1 header checks that need no SA state: version 1.0, a known exchange
    /// type, only the three defined flags, and a length that can hold the header.
    /// </summary>
    public void Verify()
    {
        if (MajorVersion != 1)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidMajorVersion, $"ISAKMP major version {MajorVersion}, expected 1");
        }

        if (MinorVersion != 0)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidMinorVersion, $"ISAKMP minor version {MinorVersion}, expected 0");
        }

        if (!Enum.IsDefined(ExchangeType) || ExchangeType == IsakmpExchangeType.None)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidExchangeType, $"exchange type {(byte)ExchangeType} is not an IKEv1 exchange");
        }

        const IsakmpHeaderFlags known = IsakmpHeaderFlags.Encryption | IsakmpHeaderFlags.Commit | IsakmpHeaderFlags.AuthenticationOnly;
        if ((Flags & ~known) != 0)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidFlags, $"undefined header flags 0x{(byte)Flags:x2}");
        }

        if (Length < Size)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.UnequalPayloadLengths, $"header length {Length} is shorter than the header");
        }
    }
}
