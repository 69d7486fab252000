using System.Buffers.Binary;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Delete payload in its IKEv1 form (RFC 2408 section 3.15): one protocol, one SPI size, any
/// number of SPIs of that protocol. ISAKMP SAs are named by their 16 cookie bytes.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !              Domain of Interpretation  (DOI)                  !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Protocol-Id  !   SPI Size    !           # of SPIs           !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~               Security Parameter Index(es) (SPI)              ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class DeletePayload : IsakmpPayload
{
    private readonly byte[][] spis;

    public DeletePayload(IsakmpProtocolId protocolId, byte spiSize, IEnumerable<ReadOnlyMemory<byte>> spis)
        : this(IsakmpDomainOfInterpretation.Ipsec, protocolId, spiSize, spis)
    {
    }

    public DeletePayload(IsakmpDomainOfInterpretation doi, IsakmpProtocolId protocolId, byte spiSize, IEnumerable<ReadOnlyMemory<byte>> spis)
    {
        Doi = doi;
        ProtocolId = protocolId;
        SpiSize = spiSize;
        this.spis = spis.Select(spi => spi.ToArray()).ToArray();
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Delete;

    public IsakmpDomainOfInterpretation Doi { get; }

    public IsakmpProtocolId ProtocolId { get; }

    public byte SpiSize { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> Spis => spis.Select(spi => new ReadOnlyMemory<byte>(spi)).ToArray();

    public override int BodyLength => 8 + spis.Sum(spi => spi.Length);

    /// <summary>Deletes ESP or AH SAs by their 32-bit SPIs.</summary>
    public static DeletePayload ForIpsecSpis(IsakmpProtocolId protocolId, IEnumerable<uint> spis) =>
        new(protocolId, 4, spis.Select(spi =>
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, spi);
            return new ReadOnlyMemory<byte>(bytes);
        }));

    /// <summary>Deletes the ISAKMP SA named by its cookies.</summary>
    public static DeletePayload ForIsakmpSa(ulong initiatorSpi, ulong responderSpi)
    {
        var cookies = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(cookies, initiatorSpi);
        BinaryPrimitives.WriteUInt64BigEndian(cookies.AsSpan(8), responderSpi);
        return new DeletePayload(IsakmpProtocolId.Isakmp, 16, [cookies]);
    }

    public static DeletePayload Parse(ReadOnlySpan<byte> body)
    {
        var reader = new IsakmpReader(body);
        var doi = (IsakmpDomainOfInterpretation)reader.ReadUInt32("delete DOI");
        var protocol = (IsakmpProtocolId)reader.ReadByte("delete protocol id");
        var spiSize = reader.ReadByte("delete SPI size");
        var count = reader.ReadUInt16("delete SPI count");
        if (reader.Remaining != spiSize * count)
        {
            throw IsakmpProtocolException.Malformed($"delete payload announces {count} SPIs of {spiSize} bytes but holds {reader.Remaining} bytes");
        }

        var spis = new List<ReadOnlyMemory<byte>>(count);
        for (var i = 0; i < count; i++)
        {
            spis.Add(reader.ReadBytes(spiSize, "delete SPI").ToArray());
        }

        return new DeletePayload(doi, protocol, spiSize, spis);
    }

    /// <summary>
    /// RFC 2408 section 5.15: IPsec DOI, a known protocol (INVALID-PROTOCOL-ID), an SPI size that
    /// fits it (INVALID-SPI), at least one SPI, and every SPI of the announced size.
    /// </summary>
    public override void Verify()
    {
        if (Doi != IsakmpDomainOfInterpretation.Ipsec)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.DoiNotSupported, $"delete DOI {(uint)Doi}");
        }

        var sizeFits = ProtocolId switch
        {
            IsakmpProtocolId.Isakmp => SpiSize == 16,
            IsakmpProtocolId.Ah or IsakmpProtocolId.Esp => SpiSize == 4,
            IsakmpProtocolId.IpComp => SpiSize is 2 or 4,
            _ => throw new IsakmpProtocolException(IsakmpNotifyType.InvalidProtocolId, $"delete for protocol {(byte)ProtocolId}"),
        };
        if (!sizeFits)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidSpi, $"delete for {ProtocolId} with {SpiSize}-byte SPIs");
        }

        if (spis.Length is 0 or > ushort.MaxValue)
        {
            throw IsakmpProtocolException.Malformed($"delete payload with {spis.Length} SPIs");
        }

        if (spis.Any(spi => spi.Length != SpiSize))
        {
            throw IsakmpProtocolException.Malformed($"delete payload SPIs differ from the announced size {SpiSize}");
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteUInt32((uint)Doi);
        writer.WriteByte((byte)ProtocolId);
        writer.WriteByte(SpiSize);
        writer.WriteUInt16((ushort)spis.Length);
        foreach (var spi in spis)
        {
            writer.WriteBytes(spi);
        }
    }
}
