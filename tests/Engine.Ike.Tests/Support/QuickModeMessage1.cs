using System.Net;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Tests.Support;

/// <summary>
/// The payload layout of Quick Mode message 1 (RFC 2409 section 5.5) of an L2TP/IPsec client
/// behind NAT: HASH(1), SA with two ESP proposals (AES-256/SHA1 and 3DES/SHA1, UDP-encapsulated
/// transport mode, 3600 s and 100000 KB), Ni, IDci/IDcr for UDP/1701, NAT-OAi and NAT-OAr
/// (RFC 3947 section 5.2). On the wire this chain is encrypted; here the header has no Encryption
/// flag so that the layout itself can be compared byte for byte and shown to tshark.
/// </summary>
public static class QuickModeMessage1
{
    public const ulong InitiatorSpi = 0x1122334455667788;
    public const ulong ResponderSpi = 0x99aabbccddeeff00;
    public const uint MessageId = 0x01020304;

    public const string Hex = """
        # ISAKMP header
        11 22 33 44 55 66 77 88   # initiator cookie
        99 aa bb cc dd ee ff 00   # responder cookie
        08                        # next payload: HASH
        10                        # version 1.0
        20                        # exchange: Quick Mode (32)
        00                        # flags (cleartext for this layout test)
        01 02 03 04               # message id
        00 00 00 f0               # length 240

        # HASH(1) length 24
        01 00 00 18
        00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13

        # SA length 120
        0a 00 00 78               # next: NONCE
        00 00 00 01               # DOI IPsec
        00 00 00 01               # SIT_IDENTITY_ONLY
        # Proposal 1 length 56: ESP, SPI c0ffee01, one transform
        02 00 00 38
        01 03 04 01
        c0 ff ee 01
        # Transform 1 length 44: ESP_AES
        00 00 00 2c
        01 0c 00 00
        80 01 00 01               # SA life type seconds
        00 02 00 04 00 00 0e 10   # SA life duration 3600
        80 01 00 02               # SA life type kilobytes
        00 02 00 04 00 01 86 a0   # SA life duration 100000
        80 04 00 04               # encapsulation UDP-Encapsulated-Transport
        80 05 00 02               # authentication HMAC-SHA
        80 06 01 00               # key length 256
        # Proposal 2 length 52: ESP, same SPI, one transform
        00 00 00 34
        02 03 04 01
        c0 ff ee 01
        # Transform 1 length 40: ESP_3DES
        00 00 00 28
        01 03 00 00
        80 01 00 01
        00 02 00 04 00 00 0e 10
        80 01 00 02
        00 02 00 04 00 01 86 a0
        80 04 00 04
        80 05 00 02

        # Ni length 20
        05 00 00 14
        a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af
        # IDci length 12: ID_IPV4_ADDR, UDP, port 1701, 192.168.1.10
        05 00 00 0c
        01 11 06 a5
        c0 a8 01 0a
        # IDcr length 12: ID_IPV4_ADDR, UDP, port 1701, 10.77.0.2
        15 00 00 0c
        01 11 06 a5
        0a 4d 00 02
        # NAT-OAi length 12: ID_IPV4_ADDR 192.168.1.10
        15 00 00 0c
        01 00 00 00
        c0 a8 01 0a
        # NAT-OAr length 12: ID_IPV4_ADDR 10.77.0.2 (last payload)
        00 00 00 0c
        01 00 00 00
        0a 4d 00 02
        """;

    public static byte[] Bytes => Support.Hex.Parse(Hex);

    public static readonly IPAddress Initiator = IPAddress.Parse("192.168.1.10");
    public static readonly IPAddress Responder = IPAddress.Parse("10.77.0.2");

    public static IReadOnlyList<IsakmpPayload> BuildPayloads()
    {
        byte[] spi = [0xc0, 0xff, 0xee, 0x01];
        var lifetimes = IpsecAttributes.LifetimeSeconds(3600).Concat(IpsecAttributes.LifetimeKilobytes(100000)).ToArray();
        var aes = new TransformPayload(1, (byte)EspTransformId.AesCbc,
        [
            .. lifetimes,
            IpsecAttributes.Encapsulation(EncapsulationMode.UdpTransport),
            IpsecAttributes.Authentication(IpsecAuthenticationAlgorithm.HmacSha1),
            IpsecAttributes.KeyLength(256),
        ]);
        var tripleDes = new TransformPayload(1, (byte)EspTransformId.TripleDes,
        [
            .. lifetimes,
            IpsecAttributes.Encapsulation(EncapsulationMode.UdpTransport),
            IpsecAttributes.Authentication(IpsecAuthenticationAlgorithm.HmacSha1),
        ]);
        return
        [
            new HashPayload(Enumerable.Range(0, 20).Select(i => (byte)i).ToArray()),
            new SecurityAssociationPayload(
            [
                new ProposalPayload(1, IsakmpProtocolId.Esp, spi, [aes]),
                new ProposalPayload(2, IsakmpProtocolId.Esp, spi, [tripleDes]),
            ]),
            new NoncePayload(Enumerable.Range(0xa0, 16).Select(i => (byte)i).ToArray()),
            IdentificationPayload.ForAddress(Initiator, protocol: 17, port: 1701),
            IdentificationPayload.ForAddress(Responder, protocol: 17, port: 1701),
            new NatOriginalAddressPayload(Initiator),
            new NatOriginalAddressPayload(Responder),
        ];
    }

    public static IsakmpHeader Header => new()
    {
        InitiatorSpi = InitiatorSpi,
        ResponderSpi = ResponderSpi,
        ExchangeType = IsakmpExchangeType.QuickMode,
        MessageId = MessageId,
    };

    public static IsakmpMessage Build() => new(Header, BuildPayloads());
}
