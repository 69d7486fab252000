using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;
using IkeGroup = Engine.Ike.Encoding.Registry.DiffieHellmanGroup;

namespace IpSecPolicy.Benchmarks.Ike;

/// <summary>
/// The IKEv1 messages the codec benchmarks parse and build, built through the codec's object
/// model the way the exchange tasks will build them. Main Mode 1 and 3 travel in the clear, so they
/// are whole datagrams (header included); Quick Mode, the notification and the delete travel
/// encrypted, so what the codec sees of them is the decrypted payload chain, padded to the AES
/// block as RFC 2409 section 5.3 leaves it.
/// </summary>
public static class IkeSamples
{
    // Short names: BenchmarkDotNet puts them in file names and tables; docs/benchmarks.md
    // spells out what each one holds.
    public const string MainMode1Windows = "MM1-Windows10";
    public const string MainMode3 = "MM3-KE-Nonce-NATD";
    public const string QuickMode1Body = "QM1-body";
    public const string NotificationBody = "Notify-body";
    public const string DeleteBody = "Delete-body";

    public static IReadOnlyList<string> Names { get; } = [MainMode1Windows, MainMode3, QuickMode1Body, NotificationBody, DeleteBody];

    private const ulong InitiatorSpi = 0x1122334455667788;
    private const ulong ResponderSpi = 0x99aabbccddeeff00;

    /// <summary>True when the sample is a whole datagram; false when it is a decrypted body.</summary>
    public static bool IsDatagram(string name) => name is MainMode1Windows or MainMode3;

    /// <summary>The type of the first payload of a body (the header names it on the wire).</summary>
    public static IsakmpPayloadType FirstPayload(string name) => IsDatagram(name) ? IsakmpPayloadType.None : IsakmpPayloadType.Hash;

    /// <summary>Builds the sample's objects and serializes them: what the sending side does per message.</summary>
    public static byte[] Build(string name) => name switch
    {
        MainMode1Windows => BuildMainMode1().ToArray(),
        MainMode3 => BuildMainMode3().ToArray(),
        QuickMode1Body => Pad(IsakmpPayloadChain.ToArray(BuildQuickMode1Payloads())),
        NotificationBody => Pad(IsakmpPayloadChain.ToArray([new HashPayload(Hash20), NotificationPayload.RUThere(InitiatorSpi, ResponderSpi, 0x01020304)])),
        DeleteBody => Pad(IsakmpPayloadChain.ToArray([new HashPayload(Hash20), DeletePayload.ForIpsecSpis(IsakmpProtocolId.Esp, [0xc0ffee01])])),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a sample."),
    };

    /// <summary>
    /// Main Mode message 1 as a Windows 10 L2TP/IPsec client sends it: one ISAKMP proposal whose
    /// four transforms are the alternatives (AES-256/SHA1/DH20, AES-128/SHA1/DH19,
    /// AES-256/SHA1/DH14, 3DES/SHA1/DH2), then Windows' six vendor IDs. Phase 1 offers
    /// alternatives as transforms of one proposal, so this is "several proposals" as IKEv1 has them.
    /// </summary>
    public static IsakmpMessage BuildMainMode1()
    {
        var header = new IsakmpHeader { InitiatorSpi = InitiatorSpi, ExchangeType = IsakmpExchangeType.MainMode };
        var proposal = new ProposalPayload(1, IsakmpProtocolId.Isakmp, [],
        [
            IkeTransform(1, IkeEncryptionAlgorithm.AesCbc, 256, IkeGroup.EcpP384),
            IkeTransform(2, IkeEncryptionAlgorithm.AesCbc, 128, IkeGroup.EcpP256),
            IkeTransform(3, IkeEncryptionAlgorithm.AesCbc, 256, IkeGroup.Modp2048),
            IkeTransform(4, IkeEncryptionAlgorithm.TripleDesCbc, null, IkeGroup.Modp1024),
        ]);
        return new IsakmpMessage(header,
        [
            new SecurityAssociationPayload([proposal]),
            new VendorIdPayload([.. VendorIdCatalog.MicrosoftWindows.Bytes.Span, 0, 0, 0, 9]),
            VendorIdPayload.Create(VendorIdCatalog.NatTraversalRfc3947),
            VendorIdPayload.Create(VendorIdCatalog.NatTraversalDraft02N),
            VendorIdPayload.Create(VendorIdCatalog.IkeFragmentation),
            VendorIdPayload.Create(VendorIdCatalog.MicrosoftNegotiationDiscovery),
            VendorIdPayload.Create(VendorIdCatalog.MicrosoftCgaVersion1),
        ]);
    }

    /// <summary>Main Mode message 3: a 2048-bit MODP public value, a 32-byte nonce and the two NAT-D hashes.</summary>
    public static IsakmpMessage BuildMainMode3()
    {
        var header = new IsakmpHeader { InitiatorSpi = InitiatorSpi, ResponderSpi = ResponderSpi, ExchangeType = IsakmpExchangeType.MainMode };
        return new IsakmpMessage(header,
        [
            new KeyExchangePayload(PublicValue2048),
            new NoncePayload(Nonce32),
            new NatDiscoveryPayload(Hash20),
            new NatDiscoveryPayload(Hash20b),
        ]);
    }

    /// <summary>
    /// Quick Mode message 1 of an L2TP/IPsec client behind NAT: HASH(1), an SA with two ESP
    /// proposals (AES-256/SHA1 and 3DES/SHA1, UDP-encapsulated transport, 3600 s and 100,000 KB),
    /// Ni, IDci/IDcr for UDP/1701 and both NAT-OA payloads (RFC 3947 section 5.2).
    /// </summary>
    public static IReadOnlyList<IsakmpPayload> BuildQuickMode1Payloads()
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
            new HashPayload(Hash20),
            new SecurityAssociationPayload(
            [
                new ProposalPayload(1, IsakmpProtocolId.Esp, spi, [aes]),
                new ProposalPayload(2, IsakmpProtocolId.Esp, spi, [tripleDes]),
            ]),
            new NoncePayload(Nonce16),
            IdentificationPayload.ForAddress(Initiator, protocol: 17, port: 1701),
            IdentificationPayload.ForAddress(Responder, protocol: 17, port: 1701),
            new NatOriginalAddressPayload(Initiator),
            new NatOriginalAddressPayload(Responder),
        ];
    }

    private static readonly IPAddress Initiator = IPAddress.Parse("192.168.1.10");
    private static readonly IPAddress Responder = IPAddress.Parse("10.77.0.2");
    private static readonly byte[] Hash20 = Pattern(20, 0x11);
    private static readonly byte[] Hash20b = Pattern(20, 0x21);
    private static readonly byte[] Nonce16 = Pattern(16, 0xa0);
    private static readonly byte[] Nonce32 = Pattern(32, 0x41);
    private static readonly byte[] PublicValue2048 = Pattern(256, 0x31);

    private static TransformPayload IkeTransform(byte number, IkeEncryptionAlgorithm cipher, ushort? keyBits, IkeGroup group)
    {
        var attributes = new List<DataAttribute> { IkeAttributes.Encryption(cipher) };
        if (keyBits is { } bits)
        {
            attributes.Add(IkeAttributes.KeyLength(bits));
        }

        attributes.Add(IkeAttributes.Hash(IkeHashAlgorithm.Sha1));
        attributes.Add(IkeAttributes.Authentication(IkeAuthenticationMethod.PreSharedKey));
        attributes.Add(IkeAttributes.Group(group));
        attributes.AddRange(IkeAttributes.LifetimeSeconds(28800));
        return new TransformPayload(number, (byte)IkeTransformId.KeyIke, attributes);
    }

    /// <summary>Zero padding to the AES block, as a decrypted body arrives.</summary>
    private static byte[] Pad(byte[] chain)
    {
        var padded = new byte[(chain.Length + 15) / 16 * 16];
        chain.CopyTo(padded, 0);
        return padded;
    }

    private static byte[] Pattern(int length, byte seed) =>
        Enumerable.Range(0, length).Select(i => (byte)(seed + (i * 7))).ToArray();
}
