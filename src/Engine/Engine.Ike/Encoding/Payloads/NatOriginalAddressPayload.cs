using System.Net;
using System.Net.Sockets;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// NAT-OA payload (RFC 3947 section 5.2): the original address of a transport-mode peer, so the
/// other side can fix TCP/UDP checksums after NAT. RFC 3947 numbers it 21, the NAT-T drafts 131
/// (<see cref="IsDraftNumbering"/>); Windows sends two of them (initiator and responder) in Quick Mode.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !    ID Type    !   RESERVED    !            RESERVED           !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !           IPv4 (4 octets) or IPv6 address (16 octets)         !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class NatOriginalAddressPayload : IsakmpPayload
{
    private readonly byte[] address;

    public NatOriginalAddressPayload(IPAddress address, bool isDraftNumbering = false)
        : this(address.AddressFamily == AddressFamily.InterNetwork ? IdentificationType.Ipv4Address : IdentificationType.Ipv6Address,
               address.GetAddressBytes(), isDraftNumbering)
    {
    }

    private NatOriginalAddressPayload(IdentificationType idType, ReadOnlySpan<byte> address, bool isDraftNumbering)
    {
        IdType = idType;
        this.address = address.ToArray();
        IsDraftNumbering = isDraftNumbering;
    }

    /// <summary>True for payload type 131 (NAT-T drafts), false for 21 (RFC 3947).</summary>
    public bool IsDraftNumbering { get; }

    public override IsakmpPayloadType PayloadType =>
        IsDraftNumbering ? IsakmpPayloadType.NatOriginalAddressDraft : IsakmpPayloadType.NatOriginalAddress;

    /// <summary>ID_IPV4_ADDR or ID_IPV6_ADDR.</summary>
    public IdentificationType IdType { get; }

    public ReadOnlyMemory<byte> AddressBytes => address;

    /// <summary>The address; a payload that fails <see cref="Verify"/> has none.</summary>
    public IPAddress Address => address.Length is 4 or 16
        ? new IPAddress(address)
        : throw new InvalidOperationException($"NAT-OA carries {address.Length} address bytes");

    public override int BodyLength => 4 + address.Length;

    public static NatOriginalAddressPayload Parse(ReadOnlySpan<byte> body, bool isDraftNumbering)
    {
        var reader = new IsakmpReader(body);
        var type = (IdentificationType)reader.ReadByte("NAT-OA ID type");
        reader.ReadBytes(3, "NAT-OA reserved field");
        return new NatOriginalAddressPayload(type, reader.ReadRemaining(), isDraftNumbering);
    }

    /// <summary>RFC 3947 allows exactly an ID_IPV4_ADDR with 4 bytes or an ID_IPV6_ADDR with 16.</summary>
    public override void Verify()
    {
        var fits = IdType switch
        {
            IdentificationType.Ipv4Address => address.Length == 4,
            IdentificationType.Ipv6Address => address.Length == 16,
            _ => false,
        };
        if (!fits)
        {
            throw IsakmpProtocolException.Malformed($"NAT-OA with ID type {(byte)IdType} and {address.Length} address bytes");
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteByte((byte)IdType);
        writer.WriteZeros(3);
        writer.WriteBytes(address);
    }
}
