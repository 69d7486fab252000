using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;

namespace Engine.Ike.Tests.Support;

/// <summary>
/// One message per payload and attribute form the codec supports, beyond the two hand-written
/// golden messages: built from the object model (whose payloads have their own golden tests),
/// so the whole-message tests cover every payload type, both NAT-T numberings, every ID type,
/// the notification kinds, Delete, fragments, unknown payloads and an encrypted body.
/// </summary>
public static class SampleMessages
{
    public const ulong I = 0x1122334455667788;
    public const ulong R = 0x99aabbccddeeff00;

    public static IReadOnlyList<SampleMessage> All { get; } = Create();

    public static IEnumerable<object[]> Names => All.Select(sample => new object[] { sample.Name });

    public static SampleMessage Get(string name) => All.Single(sample => sample.Name == name);

    private static IReadOnlyList<SampleMessage> Create()
    {
        var mainModeHeader = new IsakmpHeader { InitiatorSpi = I, ResponderSpi = R, ExchangeType = IsakmpExchangeType.MainMode };
        var informational = new IsakmpHeader { InitiatorSpi = I, ResponderSpi = R, ExchangeType = IsakmpExchangeType.Informational, MessageId = 0xdeadbeef };
        var quick = QuickModeMessage1.Header with { MessageId = 0x0a0b0c0d };

        return
        [
            new("main-mode-1-windows", WindowsMainModeMessage1.Build(), 500),
            new("quick-mode-1-layout", QuickModeMessage1.Build(), 4500),
            new("main-mode-3-nat-d", new IsakmpMessage(mainModeHeader,
            [
                new KeyExchangePayload(Pattern(128, 0x31)),
                new NoncePayload(Pattern(32, 0x41)),
                new NatDiscoveryPayload(Pattern(20, 0x51)),
                new NatDiscoveryPayload(Pattern(20, 0x61)),
            ]), 500),
            new("main-mode-3-nat-d-draft", new IsakmpMessage(mainModeHeader,
            [
                new KeyExchangePayload(Pattern(256, 0x32)),
                new NoncePayload(Pattern(16, 0x42)),
                new NatDiscoveryPayload(Pattern(20, 0x52), isDraftNumbering: true),
                new NatDiscoveryPayload(Pattern(20, 0x62), isDraftNumbering: true),
            ]), 500),
            new("main-mode-5-psk-layout", new IsakmpMessage(mainModeHeader,
            [
                IdentificationPayload.ForAddress(IPAddress.Parse("10.77.0.1"), protocol: 17, port: 500),
                new HashPayload(Pattern(20, 0x71)),
                NotificationPayload.InitialContact(I, R),
            ]), 4500),
            new("main-mode-5-certificate-layout", new IsakmpMessage(mainModeHeader,
            [
                IdentificationPayload.ForFqdn("gateway.example.test"),
                new CertificatePayload(CertificateEncoding.X509Signature, SelfSignedCertificate()),
                new SignaturePayload(Pattern(256, 0x81)),
                new CertificateRequestPayload(CertificateEncoding.X509Signature, new X500DistinguishedName("CN=IpSecPolicy Test CA").RawData),
            ]), 4500),
            new("aggressive-1-xauth", new IsakmpMessage(mainModeHeader with { ResponderSpi = 0, ExchangeType = IsakmpExchangeType.Aggressive },
            [
                new SecurityAssociationPayload([new ProposalPayload(1, IsakmpProtocolId.Isakmp, [],
                [
                    new TransformPayload(1, (byte)IkeTransformId.KeyIke,
                    [
                        IkeAttributes.Encryption(IkeEncryptionAlgorithm.AesCbc),
                        IkeAttributes.KeyLength(256),
                        IkeAttributes.Hash(IkeHashAlgorithm.Sha2_256),
                        IkeAttributes.Authentication(IkeAuthenticationMethod.XauthInitiatorPreSharedKey),
                        IkeAttributes.Group(DiffieHellmanGroup.Modp1024),
                        IkeAttributes.GroupType(IkeGroupType.Modp),
                        .. IkeAttributes.LifetimeSeconds(86400),
                        .. IkeAttributes.LifetimeKilobytes(4608000),
                    ]),
                ])]),
                new KeyExchangePayload(Pattern(128, 0x33)),
                new NoncePayload(Pattern(24, 0x43)),
                IdentificationPayload.ForUserFqdn("alice@example.test"),
                VendorIdPayload.Create(VendorIdCatalog.Xauth),
                VendorIdPayload.Create(VendorIdCatalog.DeadPeerDetection),
                VendorIdPayload.Create(VendorIdCatalog.CiscoUnity),
                VendorIdPayload.Create(VendorIdCatalog.IkeFragmentationCapable),
                VendorIdPayload.Create(VendorIdCatalog.StrongSwan),
                VendorIdPayload.Create(VendorIdCatalog.NatTraversalDraft03),
                VendorIdPayload.Create(VendorIdCatalog.NatTraversalDraft02),
                VendorIdPayload.Create(VendorIdCatalog.NatTraversalDraft00),
                VendorIdPayload.Create(VendorIdCatalog.MicrosoftInitialContact),
            ]), 500),
            new("quick-mode-ipv4-subnet-range-pfs", new IsakmpMessage(quick,
            [
                new HashPayload(Pattern(32, 0x91)),
                new SecurityAssociationPayload(
                [
                    new ProposalPayload(1, IsakmpProtocolId.Ah, [0, 0, 0x10, 0x01],
                    [
                        new TransformPayload(1, (byte)AhTransformId.Sha2_256,
                        [
                            IpsecAttributes.Authentication(IpsecAuthenticationAlgorithm.HmacSha2_256),
                            IpsecAttributes.Encapsulation(EncapsulationMode.Tunnel),
                            IpsecAttributes.Group(DiffieHellmanGroup.Modp2048),
                            .. IpsecAttributes.LifetimeSeconds(3600),
                        ]),
                    ]),
                    new ProposalPayload(2, IsakmpProtocolId.Esp, [0, 0, 0x10, 0x02],
                    [
                        new TransformPayload(1, (byte)EspTransformId.AesGcm16,
                        [
                            IpsecAttributes.KeyLength(256),
                            IpsecAttributes.Encapsulation(EncapsulationMode.Tunnel),
                            IpsecAttributes.Group(DiffieHellmanGroup.Modp2048),
                            IpsecAttributes.ExtendedSequenceNumbers(),
                            .. IpsecAttributes.LifetimeSeconds(3600),
                        ]),
                        new TransformPayload(2, (byte)EspTransformId.Null,
                        [
                            IpsecAttributes.Authentication(IpsecAuthenticationAlgorithm.HmacSha1),
                            IpsecAttributes.Encapsulation(EncapsulationMode.Transport),
                            .. IpsecAttributes.LifetimeKilobytes(100000),
                        ]),
                    ]),
                ]),
                new NoncePayload(Pattern(32, 0xa1)),
                new KeyExchangePayload(Pattern(256, 0xb1)),
                IdentificationPayload.ForSubnet(IPAddress.Parse("10.71.1.0"), 24, protocol: 6, port: 0),
                IdentificationPayload.ForRange(IPAddress.Parse("10.71.2.10"), IPAddress.Parse("10.71.2.20"), protocol: 6, port: 443),
            ]), 500),
            new("quick-mode-ipv6-draft-nat-t", new IsakmpMessage(quick with { MessageId = 0x0a0b0c0e },
            [
                new HashPayload(Pattern(20, 0x92)),
                new SecurityAssociationPayload([new ProposalPayload(1, IsakmpProtocolId.Esp, [0, 0, 0x20, 0x01],
                [
                    new TransformPayload(1, (byte)EspTransformId.AesCbc,
                    [
                        IpsecAttributes.KeyLength(128),
                        IpsecAttributes.Authentication(IpsecAuthenticationAlgorithm.HmacSha2_256),
                        IpsecAttributes.Encapsulation(EncapsulationMode.UdpTransportDraft),
                    ]),
                    new TransformPayload(2, (byte)EspTransformId.AesCbc,
                    [
                        IpsecAttributes.KeyLength(128),
                        IpsecAttributes.Authentication(IpsecAuthenticationAlgorithm.HmacSha1),
                        IpsecAttributes.Encapsulation(EncapsulationMode.UdpTunnelDraft),
                    ]),
                ])]),
                new NoncePayload(Pattern(20, 0xa2)),
                IdentificationPayload.ForAddress(IPAddress.Parse("2001:db8::1")),
                IdentificationPayload.ForSubnet(IPAddress.Parse("2001:db8:1::"), 48, protocol: 17, port: 1701),
                IdentificationPayload.ForRange(IPAddress.Parse("2001:db8:2::10"), IPAddress.Parse("2001:db8:2::20")),
                new NatOriginalAddressPayload(IPAddress.Parse("2001:db8::1"), isDraftNumbering: true),
                new NatOriginalAddressPayload(IPAddress.Parse("192.168.1.10"), isDraftNumbering: true),
            ]), 4500),
            new("informational-delete", new IsakmpMessage(informational,
            [
                new HashPayload(Pattern(20, 0xc1)),
                DeletePayload.ForIpsecSpis(IsakmpProtocolId.Esp, [0xc0ffee01, 0xc0ffee02]),
                DeletePayload.ForIsakmpSa(I, R),
            ]), 4500),
            new("informational-dpd-r-u-there", new IsakmpMessage(informational with { MessageId = 0x0000beef },
            [
                new HashPayload(Pattern(20, 0xc2)),
                NotificationPayload.RUThere(I, R, 0x01020304),
            ]), 4500),
            new("informational-dpd-ack", new IsakmpMessage(informational with { MessageId = 0x0000bef0 },
            [
                new HashPayload(Pattern(20, 0xc3)),
                NotificationPayload.RUThereAck(I, R, 0x01020304),
            ]), 4500),
            new("informational-notifications", new IsakmpMessage(informational with { MessageId = 0x0000bef1 },
            [
                new HashPayload(Pattern(20, 0xc4)),
                NotificationPayload.Error(IsakmpNotifyType.NoProposalChosen, I, R),
                NotificationPayload.Error(IsakmpNotifyType.InvalidIdInformation, I, R),
                NotificationPayload.ResponderLifetime(IsakmpProtocolId.Esp, [0xc0, 0xff, 0xee, 0x01],
                    [.. IpsecAttributes.LifetimeSeconds(1800), .. IpsecAttributes.LifetimeKilobytes(50000)]),
                NotificationPayload.ReplayStatus(IsakmpProtocolId.Esp, [0xc0, 0xff, 0xee, 0x01], replayDetectionEnabled: true),
            ]), 4500),
            new("transaction-mode-config", new IsakmpMessage(informational with { ExchangeType = IsakmpExchangeType.Transaction, MessageId = 0x00c0ffee },
            [
                new HashPayload(Pattern(20, 0xd1)),
                // Payload 14 (Mode Config attributes) is not part of this codec and stays an
                // UnknownPayload: CFG_REQUEST, identifier 7, INTERNAL_IP4_ADDRESS with no value.
                new UnknownPayload((IsakmpPayloadType)14, [0x01, 0x00, 0x00, 0x07, 0x00, 0x01, 0x00, 0x00]),
            ]), 4500),
            .. Fragments(WindowsMainModeMessage1.Bytes),
            new("encrypted-main-mode-5", IsakmpMessage.CreateEncrypted(mainModeHeader, IsakmpPayloadType.Identification, Pattern(48, 0xe1)), 4500),
        ];
    }

    /// <summary>
    /// A message sent as IKE fragments the way strongSwan and Windows do it: each fragment is an
    /// ISAKMP message with the original cookies and exchange type and one fragment payload.
    /// </summary>
    private static IEnumerable<SampleMessage> Fragments(byte[] original)
    {
        var header = new IsakmpHeader { InitiatorSpi = I, ExchangeType = IsakmpExchangeType.MainMode };
        var half = original.Length / 2;
        yield return new("fragment-1-of-2", new IsakmpMessage(header, [new FragmentPayload(1, 1, isLast: false, original.AsSpan(0, half))]), 500);
        yield return new("fragment-2-of-2", new IsakmpMessage(header, [new FragmentPayload(1, 2, isLast: true, original.AsSpan(half))]), 500);
    }

    public static byte[] Pattern(int length, byte seed) =>
        Enumerable.Range(0, length).Select(i => (byte)(seed + (i * 7))).ToArray();

    /// <summary>
    /// A real DER certificate so tshark's X.509 dissector has something valid to read; the
    /// certificate bytes vary per run, which these tests do not compare.
    /// </summary>
    private static byte[] SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=gateway.example.test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(40), DateTimeOffset.UnixEpoch.AddYears(41));
        return certificate.RawData;
    }
}
