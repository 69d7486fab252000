using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// IKE fragment payload (type 132) of the proprietary IKEv1 fragmentation that Cisco, racoon and
/// Windows implement and strongSwan interoperates with (layout as in strongSwan's
/// fragment_payload.c). A fragmented message travels as several ISAKMP messages, each with the
/// original header fields and one fragment payload; fragments are numbered from 1 and the last
/// one has flag bit 0x01 set.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !         Fragment ID           !  Fragment Num !     Flags     !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                       Fragment Data                           ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class FragmentPayload : IsakmpPayload
{
    /// <summary>Flag bit of the last fragment.</summary>
    public const byte LastFragmentFlag = 0x01;

    private readonly byte[] data;

    public FragmentPayload(ushort fragmentId, byte fragmentNumber, bool isLast, ReadOnlySpan<byte> data)
        : this(fragmentId, fragmentNumber, isLast ? LastFragmentFlag : (byte)0, data)
    {
    }

    public FragmentPayload(ushort fragmentId, byte fragmentNumber, byte flags, ReadOnlySpan<byte> data)
    {
        FragmentId = fragmentId;
        FragmentNumber = fragmentNumber;
        Flags = flags;
        this.data = data.ToArray();
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Fragment;

    /// <summary>The same for every fragment of one message.</summary>
    public ushort FragmentId { get; }

    /// <summary>1 for the first fragment.</summary>
    public byte FragmentNumber { get; }

    /// <summary>The raw flags byte; other bits are kept as received.</summary>
    public byte Flags { get; }

    public bool IsLast => (Flags & LastFragmentFlag) != 0;

    public ReadOnlyMemory<byte> Data => data;

    public override int BodyLength => 4 + data.Length;

    public static FragmentPayload Parse(ReadOnlySpan<byte> body)
    {
        var reader = new IsakmpReader(body);
        var id = reader.ReadUInt16("fragment id");
        var number = reader.ReadByte("fragment number");
        var flags = reader.ReadByte("fragment flags");
        return new FragmentPayload(id, number, flags, reader.ReadRemaining());
    }

    /// <summary>Fragment numbers start at 1 (strongSwan rejects 0 the same way).</summary>
    public override void Verify()
    {
        if (FragmentNumber == 0)
        {
            throw IsakmpProtocolException.Malformed("fragment number 0");
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteUInt16(FragmentId);
        writer.WriteByte(FragmentNumber);
        writer.WriteByte(Flags);
        writer.WriteBytes(data);
    }
}
