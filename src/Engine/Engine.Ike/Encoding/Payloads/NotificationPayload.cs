using System.Buffers.Binary;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Notification payload in its IKEv1 form (RFC 2408 section 3.14), which unlike IKEv2 starts with
/// a DOI. Phase-1 notifications about the ISAKMP SA carry the two cookies as a 16-byte SPI
/// (INITIAL-CONTACT, R-U-THERE); IPsec notifications carry the 4-byte SPI (RESPONDER-LIFETIME,
/// REPLAY-STATUS, RFC 2407 section 4.6.3).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !              Domain of Interpretation  (DOI)                  !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Protocol-ID  !   SPI Size    !      Notify Message Type      !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                Security Parameter Index (SPI)                 ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                       Notification Data                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class NotificationPayload : IsakmpPayload
{
    /// <summary>The two cookies, the SPI of the ISAKMP SA in IKEv1 notifications.</summary>
    public const int IsakmpSpiSize = 16;

    private readonly byte[] spi;
    private readonly byte[] data;

    public NotificationPayload(
        IsakmpDomainOfInterpretation doi,
        IsakmpProtocolId protocolId,
        IsakmpNotifyType notifyType,
        ReadOnlySpan<byte> spi,
        ReadOnlySpan<byte> data)
    {
        Doi = doi;
        ProtocolId = protocolId;
        NotifyType = notifyType;
        this.spi = spi.ToArray();
        this.data = data.ToArray();
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Notification;

    public IsakmpDomainOfInterpretation Doi { get; }

    public IsakmpProtocolId ProtocolId { get; }

    public IsakmpNotifyType NotifyType { get; }

    public ReadOnlyMemory<byte> Spi => spi;

    public ReadOnlyMemory<byte> Data => data;

    /// <summary>Error types are 1-16383 (RFC 2408 section 3.14.1); status types start at 16384.</summary>
    public bool IsError => (ushort)NotifyType < 16384;

    public override int BodyLength => 8 + spi.Length + data.Length;

    /// <summary>An error notification about the ISAKMP SA named by its cookies.</summary>
    public static NotificationPayload Error(IsakmpNotifyType notifyType, ulong initiatorSpi, ulong responderSpi, ReadOnlySpan<byte> data = default) =>
        new(IsakmpDomainOfInterpretation.Ipsec, IsakmpProtocolId.Isakmp, notifyType, CookiePair(initiatorSpi, responderSpi), data);

    /// <summary>INITIAL-CONTACT (RFC 2407 section 4.6.3.3), sent protected in Main Mode message 5.</summary>
    public static NotificationPayload InitialContact(ulong initiatorSpi, ulong responderSpi) =>
        new(IsakmpDomainOfInterpretation.Ipsec, IsakmpProtocolId.Isakmp, IsakmpNotifyType.InitialContact, CookiePair(initiatorSpi, responderSpi), default);

    /// <summary>R-U-THERE (RFC 3706 section 5.3): cookies as SPI, a 32-bit sequence number as data.</summary>
    public static NotificationPayload RUThere(ulong initiatorSpi, ulong responderSpi, uint sequenceNumber) =>
        DeadPeerDetection(IsakmpNotifyType.RUThere, initiatorSpi, responderSpi, sequenceNumber);

    /// <summary>R-U-THERE-ACK (RFC 3706 section 5.3), echoing the sequence number of the R-U-THERE.</summary>
    public static NotificationPayload RUThereAck(ulong initiatorSpi, ulong responderSpi, uint sequenceNumber) =>
        DeadPeerDetection(IsakmpNotifyType.RUThereAck, initiatorSpi, responderSpi, sequenceNumber);

    /// <summary>
    /// RESPONDER-LIFETIME (RFC 2407 section 4.6.3.1): the lifetime the responder will actually use,
    /// as SA Life Type / SA Life Duration attributes, for the SA with the given SPI.
    /// </summary>
    public static NotificationPayload ResponderLifetime(IsakmpProtocolId protocolId, ReadOnlySpan<byte> spi, IReadOnlyCollection<DataAttribute> lifetimeAttributes) =>
        new(IsakmpDomainOfInterpretation.Ipsec, protocolId, IsakmpNotifyType.ResponderLifetime, spi, DataAttributeList.ToArray(lifetimeAttributes));

    /// <summary>REPLAY-STATUS (RFC 2407 section 4.6.3.2): whether the sender checks for replay.</summary>
    public static NotificationPayload ReplayStatus(IsakmpProtocolId protocolId, ReadOnlySpan<byte> spi, bool replayDetectionEnabled)
    {
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(value, replayDetectionEnabled ? 1u : 0u);
        return new(IsakmpDomainOfInterpretation.Ipsec, protocolId, IsakmpNotifyType.ReplayStatus, spi, value);
    }

    public static NotificationPayload Parse(ReadOnlySpan<byte> body)
    {
        var reader = new IsakmpReader(body);
        var doi = (IsakmpDomainOfInterpretation)reader.ReadUInt32("notification DOI");
        var protocol = (IsakmpProtocolId)reader.ReadByte("notification protocol id");
        var spiSize = reader.ReadByte("notification SPI size");
        var type = (IsakmpNotifyType)reader.ReadUInt16("notify message type");
        var spi = reader.ReadBytes(spiSize, "notification SPI");
        return new NotificationPayload(doi, protocol, type, spi, reader.ReadRemaining());
    }

    /// <summary>The 32-bit value of an R-U-THERE(-ACK) sequence number or a REPLAY-STATUS flag.</summary>
    public bool TryGetUInt32Data(out uint value)
    {
        value = data.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(data) : 0;
        return data.Length == 4;
    }

    /// <summary>The SA Life Type / Duration attributes of a RESPONDER-LIFETIME.</summary>
    public IReadOnlyList<DataAttribute> GetLifetimeAttributes() => DataAttributeList.Parse(data);

    /// <summary>
    /// The DOI must be ISAKMP (0) or IPsec (1); the SPI size must fit the protocol; the types
    /// whose data RFC 2407/3706 fix must have that data, so that handlers can rely on it.
    /// </summary>
    public override void Verify()
    {
        if (Doi is not (IsakmpDomainOfInterpretation.Isakmp or IsakmpDomainOfInterpretation.Ipsec))
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.DoiNotSupported, $"notification DOI {(uint)Doi}");
        }

        if (!Enum.IsDefined(ProtocolId))
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidProtocolId, $"notification protocol {(byte)ProtocolId}");
        }

        if (spi.Length > byte.MaxValue)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidSpi, $"notification SPI of {spi.Length} bytes");
        }

        switch (NotifyType)
        {
            case IsakmpNotifyType.RUThere or IsakmpNotifyType.RUThereAck:
                if (spi.Length != IsakmpSpiSize || data.Length != 4)
                {
                    throw IsakmpProtocolException.Malformed($"{NotifyType} needs the 16-byte cookie pair and a 4-byte sequence number");
                }

                break;
            case IsakmpNotifyType.ReplayStatus:
                if (data.Length != 4)
                {
                    throw IsakmpProtocolException.Malformed("REPLAY-STATUS needs 4 bytes of data");
                }

                break;
            case IsakmpNotifyType.ResponderLifetime:
                DataAttributeList.Parse(data);
                break;
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteUInt32((uint)Doi);
        writer.WriteByte((byte)ProtocolId);
        writer.WriteByte((byte)spi.Length);
        writer.WriteUInt16((ushort)NotifyType);
        writer.WriteBytes(spi);
        writer.WriteBytes(data);
    }

    private static NotificationPayload DeadPeerDetection(IsakmpNotifyType type, ulong initiatorSpi, ulong responderSpi, uint sequenceNumber)
    {
        Span<byte> sequence = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sequence, sequenceNumber);
        return new(IsakmpDomainOfInterpretation.Ipsec, IsakmpProtocolId.Isakmp, type, CookiePair(initiatorSpi, responderSpi), sequence);
    }

    private static byte[] CookiePair(ulong initiatorSpi, ulong responderSpi)
    {
        var cookies = new byte[IsakmpSpiSize];
        BinaryPrimitives.WriteUInt64BigEndian(cookies, initiatorSpi);
        BinaryPrimitives.WriteUInt64BigEndian(cookies.AsSpan(8), responderSpi);
        return cookies;
    }
}
