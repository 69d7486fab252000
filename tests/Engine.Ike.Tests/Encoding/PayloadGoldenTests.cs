using System.Net;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

/// <summary>
/// Every payload against bytes built by hand from its RFC diagram: written byte-exact, read back,
/// and every truncated prefix refused without an exception (<see cref="PayloadAssert.RoundTrip{T}"/>).
/// </summary>
public sealed class PayloadGoldenTests
{
    private const ulong I = 0x1122334455667788;
    private const ulong R = 0x99aabbccddeeff00;
    private const string Cookies = "11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00";

    [Fact]
    public void Security_association_with_an_esp_proposal()
    {
        var built = new SecurityAssociationPayload([new ProposalPayload(1, IsakmpProtocolId.Esp, [0xc0, 0xff, 0xee, 0x01],
        [
            new TransformPayload(1, (byte)EspTransformId.AesCbc,
            [
                IpsecAttributes.KeyLength(128),
                IpsecAttributes.Authentication(IpsecAuthenticationAlgorithm.HmacSha1),
                IpsecAttributes.Encapsulation(EncapsulationMode.Transport),
                .. IpsecAttributes.LifetimeSeconds(3600),
            ]),
        ])]);
        var sa = PayloadAssert.RoundTrip<SecurityAssociationPayload>(built, """
            00 00 00 38               # SA, length 56
            00 00 00 01               # DOI IPsec
            00 00 00 01               # SIT_IDENTITY_ONLY
            00 00 00 2c               # proposal (last), length 44
            01 03 04 01               # #1, PROTO_IPSEC_ESP, SPI size 4, 1 transform
            c0 ff ee 01               # SPI
            00 00 00 20               # transform (last), length 32
            01 0c 00 00               # #1, ESP_AES
            80 06 00 80               # key length 128
            80 05 00 02               # HMAC-SHA
            80 04 00 02               # transport
            80 01 00 01               # SA life type seconds
            00 02 00 04 00 00 0e 10   # SA life duration 3600
            """);
        Assert.Equal(IsakmpDomainOfInterpretation.Ipsec, sa.Doi);
        Assert.Equal(IpsecSituation.IdentityOnly, sa.Situation);
        var transform = sa.Proposals.Single().Transforms.Single();
        Assert.Equal(5, transform.Attributes.Count);
        Assert.Equal((ushort)IpsecAuthenticationAlgorithm.HmacSha1, transform.FindAttribute(IpsecAttributeType.AuthenticationAlgorithm)!.BasicValue);
    }

    [Fact]
    public void Key_exchange()
    {
        var ke = PayloadAssert.RoundTrip<KeyExchangePayload>(new KeyExchangePayload([1, 2, 3, 4, 5, 6, 7, 8]),
            "00 00 00 0c  01 02 03 04 05 06 07 08");
        Assert.Equal(8, ke.Data.Length);
    }

    public static IEnumerable<object[]> Identifications() =>
    [
        ["phase 1 IPv4 with UDP/500", IdentificationPayload.ForAddress(IPAddress.Parse("10.77.0.1"), 17, 500),
            "00 00 00 0c  01 11 01 f4  0a 4d 00 01"],
        ["IPv6 address", IdentificationPayload.ForAddress(IPAddress.Parse("2001:db8::1")),
            "00 00 00 18  05 00 00 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"],
        ["FQDN", IdentificationPayload.ForFqdn("vpn.example.test"),
            "00 00 00 18  02 00 00 00  76 70 6e 2e 65 78 61 6d 70 6c 65 2e 74 65 73 74"],
        ["user FQDN", IdentificationPayload.ForUserFqdn("a@b.test"),
            "00 00 00 10  03 00 00 00  61 40 62 2e 74 65 73 74"],
        ["key id", IdentificationPayload.ForKeyId([0xde, 0xad, 0xbe, 0xef]),
            "00 00 00 0c  0b 00 00 00  de ad be ef"],
        ["IPv4 subnet, TCP", IdentificationPayload.ForSubnet(IPAddress.Parse("10.71.1.0"), 24, 6),
            "00 00 00 10  04 06 00 00  0a 47 01 00  ff ff ff 00"],
        ["IPv6 subnet, UDP/1701", IdentificationPayload.ForSubnet(IPAddress.Parse("2001:db8:1::"), 64, 17, 1701),
            """
            00 00 00 28  06 11 06 a5
            20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 00   # network
            ff ff ff ff ff ff ff ff 00 00 00 00 00 00 00 00   # mask /64
            """],
        ["IPv4 range, TCP/443", IdentificationPayload.ForRange(IPAddress.Parse("10.71.2.10"), IPAddress.Parse("10.71.2.20"), 6, 443),
            "00 00 00 10  07 06 01 bb  0a 47 02 0a  0a 47 02 14"],
        ["IPv6 range", IdentificationPayload.ForRange(IPAddress.Parse("2001:db8:2::10"), IPAddress.Parse("2001:db8:2::20")),
            """
            00 00 00 28  08 00 00 00
            20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10
            20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 20
            """],
    ];

    [Theory]
    [MemberData(nameof(Identifications))]
    public void Identification(string kind, IdentificationPayload built, string hex)
    {
        var id = PayloadAssert.RoundTrip<IdentificationPayload>(built, hex);
        Assert.True(built.IdType == id.IdType, kind);
        Assert.Equal((built.Protocol, built.Port), (id.Protocol, id.Port));
    }

    [Fact]
    public void Identification_accessors_decode_addresses_and_names()
    {
        Assert.True(IdentificationPayload.ForSubnet(IPAddress.Parse("10.71.1.0"), 24).TryGetAddressPair(out var network, out var mask));
        Assert.Equal((IPAddress.Parse("10.71.1.0"), IPAddress.Parse("255.255.255.0")), (network, mask));
        Assert.True(IdentificationPayload.ForFqdn("vpn.example.test").TryGetName(out var name));
        Assert.Equal("vpn.example.test", name);
        Assert.False(IdentificationPayload.ForFqdn("vpn.example.test").TryGetAddress(out _));
    }

    [Fact]
    public void Certificate_and_certificate_requests()
    {
        var certificate = PayloadAssert.RoundTrip<CertificatePayload>(
            new CertificatePayload(CertificateEncoding.X509Signature, [0x30, 0x03, 0x02, 0x01, 0x01]),
            "00 00 00 0a  04  30 03 02 01 01");
        Assert.Equal(CertificateEncoding.X509Signature, certificate.Encoding);

        var request = PayloadAssert.RoundTrip<CertificateRequestPayload>(
            new CertificateRequestPayload(CertificateEncoding.X509Signature, [0x30, 0x00]),
            "00 00 00 07  04  30 00");
        Assert.Equal(2, request.Authority.Length);
        PayloadAssert.RoundTrip<CertificateRequestPayload>(new CertificateRequestPayload(CertificateEncoding.X509Signature, []), "00 00 00 05  04");
    }

    [Fact]
    public void Hash_signature_and_nonce()
    {
        PayloadAssert.RoundTrip<HashPayload>(new HashPayload(SampleMessages.Pattern(20, 1)),
            "00 00 00 18  01 08 0f 16 1d 24 2b 32 39 40 47 4e 55 5c 63 6a 71 78 7f 86");
        PayloadAssert.RoundTrip<SignaturePayload>(new SignaturePayload([9, 8, 7, 6, 5, 4, 3, 2]), "00 00 00 0c  09 08 07 06 05 04 03 02");
        PayloadAssert.RoundTrip<NoncePayload>(new NoncePayload([1, 2, 3, 4, 5, 6, 7, 8]), "00 00 00 0c  01 02 03 04 05 06 07 08");
    }

    [Fact]
    public void Dpd_r_u_there_and_ack()
    {
        var there = PayloadAssert.RoundTrip<NotificationPayload>(NotificationPayload.RUThere(I, R, 42), $"""
            00 00 00 20
            00 00 00 01               # DOI IPsec
            01 10 8d 28               # PROTO_ISAKMP, SPI size 16, R-U-THERE (36136)
            {Cookies}                 # SPI: both cookies
            00 00 00 2a               # sequence number 42
            """);
        Assert.True(there.TryGetUInt32Data(out var sequence));
        Assert.Equal(42u, sequence);
        Assert.False(there.IsError);

        PayloadAssert.RoundTrip<NotificationPayload>(NotificationPayload.RUThereAck(I, R, 42),
            $"00 00 00 20  00 00 00 01  01 10 8d 29  {Cookies}  00 00 00 2a");
    }

    [Fact]
    public void Initial_contact_and_error_notifications()
    {
        PayloadAssert.RoundTrip<NotificationPayload>(NotificationPayload.InitialContact(I, R),
            $"00 00 00 1c  00 00 00 01  01 10 60 02  {Cookies}");
        var error = PayloadAssert.RoundTrip<NotificationPayload>(NotificationPayload.Error(IsakmpNotifyType.NoProposalChosen, I, R),
            $"00 00 00 1c  00 00 00 01  01 10 00 0e  {Cookies}");
        Assert.True(error.IsError);
    }

    [Fact]
    public void Responder_lifetime_and_replay_status()
    {
        var lifetime = PayloadAssert.RoundTrip<NotificationPayload>(
            NotificationPayload.ResponderLifetime(IsakmpProtocolId.Esp, [0xc0, 0xff, 0xee, 0x01], IpsecAttributes.LifetimeSeconds(1800)), """
            00 00 00 1c
            00 00 00 01
            03 04 60 00               # ESP, SPI size 4, RESPONDER-LIFETIME (24576)
            c0 ff ee 01
            80 01 00 01               # SA life type seconds
            00 02 00 04 00 00 07 08   # SA life duration 1800
            """);
        Assert.Equal(["1=1", "2=0x00000708"], lifetime.GetLifetimeAttributes().Select(a => a.ToString()));

        var replay = PayloadAssert.RoundTrip<NotificationPayload>(
            NotificationPayload.ReplayStatus(IsakmpProtocolId.Esp, [0xc0, 0xff, 0xee, 0x01], true),
            "00 00 00 14  00 00 00 01  03 04 60 01  c0 ff ee 01  00 00 00 01");
        Assert.True(replay.TryGetUInt32Data(out var enabled));
        Assert.Equal(1u, enabled);
    }

    [Theory]
    [MemberData(nameof(AllNotifyTypes))]
    public void Every_notify_type_round_trips(IsakmpNotifyType type)
    {
        var data = type is IsakmpNotifyType.RUThere or IsakmpNotifyType.RUThereAck or IsakmpNotifyType.ReplayStatus ? new byte[4] : [];
        var payload = NotificationPayload.Error(type, I, R, data);
        var parsed = PayloadAssert.RoundTrip<NotificationPayload>(payload,
            $"00 00 00 {28 + data.Length:x2}  00 00 00 01  01 10 {(ushort)type:x4}  {Cookies} {Hex.Format(data)}");
        Assert.Equal(type, parsed.NotifyType);
    }

    public static IEnumerable<object[]> AllNotifyTypes() => Enum.GetValues<IsakmpNotifyType>().Select(type => new object[] { type });

    [Fact]
    public void Delete_with_several_esp_spis_and_an_isakmp_sa()
    {
        var esp = PayloadAssert.RoundTrip<DeletePayload>(DeletePayload.ForIpsecSpis(IsakmpProtocolId.Esp, [0xc0ffee01, 0xc0ffee02]), """
            00 00 00 14
            00 00 00 01               # DOI IPsec
            03 04 00 02               # ESP, SPI size 4, 2 SPIs
            c0 ff ee 01
            c0 ff ee 02
            """);
        Assert.Equal(["c0ffee01", "c0ffee02"], esp.Spis.Select(spi => Hex.Format(spi.Span)));

        PayloadAssert.RoundTrip<DeletePayload>(DeletePayload.ForIsakmpSa(I, R), $"00 00 00 1c  00 00 00 01  01 10 00 01  {Cookies}");
    }

    [Fact]
    public void Vendor_id()
    {
        var vid = PayloadAssert.RoundTrip<VendorIdPayload>(VendorIdPayload.Create(VendorIdCatalog.DeadPeerDetection),
            "00 00 00 14  af ca d7 13 68 a1 f1 c9 6b 86 96 fc 77 57 01 00");
        Assert.Same(VendorIdCatalog.DeadPeerDetection, vid.Identify()!.VendorId);
    }

    [Theory]
    [InlineData(false, IsakmpPayloadType.NatDiscovery)]
    [InlineData(true, IsakmpPayloadType.NatDiscoveryDraft)]
    public void Nat_discovery_in_rfc_and_draft_numbering(bool draft, IsakmpPayloadType type)
    {
        var payload = new NatDiscoveryPayload(SampleMessages.Pattern(20, 1), draft);
        Assert.Equal(type, payload.PayloadType);
        var parsed = PayloadAssert.RoundTrip<NatDiscoveryPayload>(payload,
            "00 00 00 18  01 08 0f 16 1d 24 2b 32 39 40 47 4e 55 5c 63 6a 71 78 7f 86");
        Assert.Equal(draft, parsed.IsDraftNumbering);
    }

    [Fact]
    public void Nat_original_address_ipv4_rfc_and_ipv6_draft()
    {
        var v4 = PayloadAssert.RoundTrip<NatOriginalAddressPayload>(new NatOriginalAddressPayload(IPAddress.Parse("192.168.1.10")),
            "00 00 00 0c  01 00 00 00  c0 a8 01 0a");
        Assert.Equal(IsakmpPayloadType.NatOriginalAddress, v4.PayloadType);
        Assert.Equal(IPAddress.Parse("192.168.1.10"), v4.Address);

        var v6 = PayloadAssert.RoundTrip<NatOriginalAddressPayload>(new NatOriginalAddressPayload(IPAddress.Parse("2001:db8::1"), isDraftNumbering: true),
            "00 00 00 18  05 00 00 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01");
        Assert.Equal(IsakmpPayloadType.NatOriginalAddressDraft, v6.PayloadType);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), v6.Address);
    }

    [Fact]
    public void Fragment()
    {
        var fragment = PayloadAssert.RoundTrip<FragmentPayload>(new FragmentPayload(7, 3, isLast: true, [0xaa, 0xbb, 0xcc, 0xdd]), """
            00 00 00 0c
            00 07                     # fragment id
            03                        # fragment number
            01                        # flags: last
            aa bb cc dd
            """);
        Assert.True(fragment.IsLast);
        Assert.Equal((7, 3), (fragment.FragmentId, fragment.FragmentNumber));
    }

    [Fact]
    public void Unknown_payloads_are_kept_as_they_came()
    {
        var unknown = PayloadAssert.RoundTrip<UnknownPayload>(new UnknownPayload((IsakmpPayloadType)14, [1, 0, 0, 7]), "00 00 00 08  01 00 00 07");
        Assert.Equal((IsakmpPayloadType)14, unknown.PayloadType);
    }
}
