using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;

namespace Engine.Ike.Tests.Support;

/// <summary>
/// Main Mode message 1 as a Windows 10 L2TP/IPsec client sends it: one ISAKMP proposal with the
/// transforms AES256/SHA1/DH20, AES128/SHA1/DH19, AES256/SHA1/DH14, 3DES/SHA1/DH2 (PSK, 28800 s as a
/// 4-byte TLV), then the vendor IDs Windows announces. Hand-built from RFC 2408 sections 3.1-3.6 and
/// RFC 2409 Appendix A; every byte labelled.
/// </summary>
public static class WindowsMainModeMessage1
{
    public const ulong InitiatorSpi = 0x1122334455667788;

    public const string Hex = """
        # ISAKMP header (RFC 2408 3.1)
        11 22 33 44 55 66 77 88   # initiator cookie
        00 00 00 00 00 00 00 00   # responder cookie (none yet)
        01                        # next payload: SA
        10                        # version 1.0
        02                        # exchange: Identity Protection (Main Mode)
        00                        # flags
        00 00 00 00               # message id
        00 00 01 48               # length 328

        # SA payload (3.4) length 176
        0d 00 00 b0               # next: VID
        00 00 00 01               # DOI IPsec
        00 00 00 01               # SIT_IDENTITY_ONLY
        # Proposal 1 (3.5) length 164
        00 00 00 a4               # last proposal
        01 01 00 04               # proposal #1, PROTO_ISAKMP, SPI size 0, 4 transforms
        # Transform 1 (3.6) length 40: AES-CBC 256, SHA1, PSK, group 20, 28800 s
        03 00 00 28
        01 01 00 00               # transform #1, KEY_IKE
        80 01 00 07               # encryption AES-CBC (TV)
        80 0e 01 00               # key length 256 (TV)
        80 02 00 02               # hash SHA (TV)
        80 03 00 01               # auth pre-shared key (TV)
        80 04 00 14               # group description 20 (TV)
        80 0b 00 01               # life type seconds (TV)
        00 0c 00 04 00 00 70 80   # life duration 28800 (TLV, 4 bytes)
        # Transform 2 length 40: AES-CBC 128, SHA1, PSK, group 19
        03 00 00 28
        02 01 00 00
        80 01 00 07
        80 0e 00 80
        80 02 00 02
        80 03 00 01
        80 04 00 13
        80 0b 00 01
        00 0c 00 04 00 00 70 80
        # Transform 3 length 40: AES-CBC 256, SHA1, PSK, group 14
        03 00 00 28
        03 01 00 00
        80 01 00 07
        80 0e 01 00
        80 02 00 02
        80 03 00 01
        80 04 00 0e
        80 0b 00 01
        00 0c 00 04 00 00 70 80
        # Transform 4 length 36: 3DES-CBC, SHA1, PSK, group 2 (last transform)
        00 00 00 24
        04 01 00 00
        80 01 00 05
        80 02 00 02
        80 03 00 01
        80 04 00 02
        80 0b 00 01
        00 0c 00 04 00 00 70 80

        # VID: MS NT5 ISAKMPOAKLEY, version 9
        0d 00 00 18
        1e 2b 51 69 05 99 1c 7d 7c 96 fc bf b5 87 e4 61 00 00 00 09
        # VID: RFC 3947
        0d 00 00 14
        4a 13 1c 81 07 03 58 45 5c 57 28 f2 0e 95 45 2f
        # VID: draft-ietf-ipsec-nat-t-ike-02\n
        0d 00 00 14
        90 cb 80 91 3e bb 69 6e 08 63 81 b5 ec 42 7b 1f
        # VID: FRAGMENTATION (16-byte Microsoft form)
        0d 00 00 14
        40 48 b7 d5 6e bc e8 85 25 e7 de 7f 00 d6 c2 d3
        # VID: MS-Negotiation Discovery Capable
        0d 00 00 14
        fb 1d e3 cd f3 41 b7 ea 16 b7 e5 be 08 55 f1 20
        # VID: IKE CGA version 1 (last payload)
        00 00 00 14
        e3 a5 96 6a 76 37 9f e7 07 22 82 31 e5 ce 86 52
        """;

    public static byte[] Bytes => Support.Hex.Parse(Hex);

    public static IsakmpMessage Build()
    {
        var header = new IsakmpHeader
        {
            InitiatorSpi = InitiatorSpi,
            ExchangeType = IsakmpExchangeType.MainMode,
        };
        var proposal = new ProposalPayload(1, IsakmpProtocolId.Isakmp, [],
        [
            Transform(1, IkeEncryptionAlgorithm.AesCbc, 256, DiffieHellmanGroup.EcpP384),
            Transform(2, IkeEncryptionAlgorithm.AesCbc, 128, DiffieHellmanGroup.EcpP256),
            Transform(3, IkeEncryptionAlgorithm.AesCbc, 256, DiffieHellmanGroup.Modp2048),
            Transform(4, IkeEncryptionAlgorithm.TripleDesCbc, null, DiffieHellmanGroup.Modp1024),
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

    private static TransformPayload Transform(byte number, IkeEncryptionAlgorithm cipher, ushort? keyBits, DiffieHellmanGroup group)
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
}
