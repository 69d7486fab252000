using System.Net;
using System.Net.Sockets;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Identification payload with the IPsec DOI's ID fields (RFC 2408 section 3.8, RFC 2407
/// section 4.6.2). In phase 1 it names the peer (address, FQDN, user FQDN, key id; protocol and
/// port 0 or UDP/500); in Quick Mode it is the traffic selector IDci/IDcr (address, subnet or range,
/// with an IP protocol and a port, 0 meaning any).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !        Payload Length         !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !   ID Type     !  Protocol ID  !             Port              !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                     Identification Data                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class IdentificationPayload : IsakmpPayload
{
    private readonly byte[] data;

    public IdentificationPayload(IdentificationType idType, byte protocol, ushort port, ReadOnlySpan<byte> data)
    {
        IdType = idType;
        Protocol = protocol;
        Port = port;
        this.data = data.ToArray();
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Identification;

    public IdentificationType IdType { get; }

    /// <summary>IP protocol number (6 TCP, 17 UDP, ...), 0 for any.</summary>
    public byte Protocol { get; }

    /// <summary>Port, 0 for any.</summary>
    public ushort Port { get; }

    public ReadOnlyMemory<byte> Data => data;

    public override int BodyLength => 4 + data.Length;

    public static IdentificationPayload ForAddress(IPAddress address, byte protocol = 0, ushort port = 0) =>
        new(IsIpv4(address) ? IdentificationType.Ipv4Address : IdentificationType.Ipv6Address, protocol, port, address.GetAddressBytes());

    /// <summary>A subnet as address and prefix length; RFC 2407 puts the mask on the wire.</summary>
    public static IdentificationPayload ForSubnet(IPAddress network, int prefixLength, byte protocol = 0, ushort port = 0)
    {
        var addressBytes = network.GetAddressBytes();
        if (prefixLength < 0 || prefixLength > addressBytes.Length * 8)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength));
        }

        var bytes = new byte[addressBytes.Length * 2];
        addressBytes.CopyTo(bytes, 0);
        for (var bit = 0; bit < prefixLength; bit++)
        {
            bytes[addressBytes.Length + (bit / 8)] |= (byte)(0x80 >> (bit % 8));
        }

        var type = IsIpv4(network) ? IdentificationType.Ipv4AddressSubnet : IdentificationType.Ipv6AddressSubnet;
        return new IdentificationPayload(type, protocol, port, bytes);
    }

    public static IdentificationPayload ForRange(IPAddress first, IPAddress last, byte protocol = 0, ushort port = 0)
    {
        if (first.AddressFamily != last.AddressFamily)
        {
            throw new ArgumentException("A range needs two addresses of one family.", nameof(last));
        }

        var type = IsIpv4(first) ? IdentificationType.Ipv4AddressRange : IdentificationType.Ipv6AddressRange;
        return new IdentificationPayload(type, protocol, port, [.. first.GetAddressBytes(), .. last.GetAddressBytes()]);
    }

    public static IdentificationPayload ForFqdn(string fqdn) =>
        new(IdentificationType.Fqdn, 0, 0, System.Text.Encoding.ASCII.GetBytes(fqdn));

    public static IdentificationPayload ForUserFqdn(string userFqdn) =>
        new(IdentificationType.UserFqdn, 0, 0, System.Text.Encoding.ASCII.GetBytes(userFqdn));

    public static IdentificationPayload ForKeyId(ReadOnlySpan<byte> keyId) =>
        new(IdentificationType.KeyId, 0, 0, keyId);

    public static IdentificationPayload Parse(ReadOnlySpan<byte> body)
    {
        var reader = new IsakmpReader(body);
        var type = (IdentificationType)reader.ReadByte("ID type");
        var protocol = reader.ReadByte("ID protocol");
        var port = reader.ReadUInt16("ID port");
        return new IdentificationPayload(type, protocol, port, reader.ReadRemaining());
    }

    /// <summary>The single address of an ID_IPV4_ADDR / ID_IPV6_ADDR.</summary>
    public bool TryGetAddress(out IPAddress? address)
    {
        address = IdType is IdentificationType.Ipv4Address or IdentificationType.Ipv6Address && HasExpectedLength()
            ? new IPAddress(data)
            : null;
        return address is not null;
    }

    /// <summary>The two addresses of a subnet (network, mask) or a range (first, last).</summary>
    public bool TryGetAddressPair(out IPAddress? first, out IPAddress? second)
    {
        first = second = null;
        if (IdType is not (IdentificationType.Ipv4AddressSubnet or IdentificationType.Ipv6AddressSubnet
            or IdentificationType.Ipv4AddressRange or IdentificationType.Ipv6AddressRange) || !HasExpectedLength())
        {
            return false;
        }

        var half = data.Length / 2;
        first = new IPAddress(data.AsSpan(0, half));
        second = new IPAddress(data.AsSpan(half));
        return true;
    }

    /// <summary>The text of an ID_FQDN / ID_USER_FQDN.</summary>
    public bool TryGetName(out string? name)
    {
        name = IdType is IdentificationType.Fqdn or IdentificationType.UserFqdn ? System.Text.Encoding.ASCII.GetString(data) : null;
        return name is not null;
    }

    /// <summary>
    /// RFC 2407 section 4.6.2: the data must be as long as the ID type says (4 or 16 bytes per
    /// address), and names and key ids must not be empty; anything else is INVALID-ID-INFORMATION.
    /// </summary>
    public override void Verify()
    {
        if (!Enum.IsDefined(IdType))
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidIdInformation, $"ID type {(byte)IdType} is not defined");
        }

        if (!HasExpectedLength())
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidIdInformation, $"{IdType} identification with {data.Length} bytes of data");
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteByte((byte)IdType);
        writer.WriteByte(Protocol);
        writer.WriteUInt16(Port);
        writer.WriteBytes(data);
    }

    private bool HasExpectedLength() => IdType switch
    {
        IdentificationType.Ipv4Address => data.Length == 4,
        IdentificationType.Ipv6Address => data.Length == 16,
        IdentificationType.Ipv4AddressSubnet or IdentificationType.Ipv4AddressRange => data.Length == 8,
        IdentificationType.Ipv6AddressSubnet or IdentificationType.Ipv6AddressRange => data.Length == 32,
        _ => data.Length > 0,
    };

    private static bool IsIpv4(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork;
}
