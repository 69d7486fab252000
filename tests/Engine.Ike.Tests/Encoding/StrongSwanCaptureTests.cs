using System.IO;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

/// <summary>Messages a real peer (strongSwan 5.9.8) sent, read from a capture (TestData/strongswan).</summary>
public sealed class StrongSwanCaptureTests
{
    private static readonly IReadOnlyList<UdpDatagram> Datagrams =
        PcapReader.ReadUdp(Path.Combine(AppContext.BaseDirectory, "TestData", "strongswan", "strongswan-ikev1-main-mode.pcap"));

    [Fact]
    public void Every_datagram_parses_on_its_port()
    {
        Assert.Equal(11, Datagrams.Count);
        var messages = Messages();
        Assert.Equal(
            [IsakmpExchangeType.MainMode, IsakmpExchangeType.MainMode, IsakmpExchangeType.MainMode, IsakmpExchangeType.MainMode,
             IsakmpExchangeType.MainMode, IsakmpExchangeType.MainMode, IsakmpExchangeType.QuickMode, IsakmpExchangeType.QuickMode,
             IsakmpExchangeType.QuickMode, IsakmpExchangeType.Informational, IsakmpExchangeType.Informational],
            messages.Select(m => m.Header.ExchangeType));
        Assert.All(messages.Take(4), m => Assert.False(m.HasEncryptedBody));
        Assert.All(messages.Skip(4), m => Assert.True(m.HasEncryptedBody));
        Assert.All(messages.Skip(4), m => Assert.Equal(0, m.EncryptedBody.Length % 16));   // AES-CBC blocks
    }

    [Fact]
    public void Cleartext_messages_write_back_byte_exact()
    {
        foreach (var (datagram, message) in Datagrams.Zip(Messages()))
        {
            var ike = datagram.DestinationPort == 4500 ? datagram.Payload.AsSpan(NatTraversalFraming.NonEspMarkerLength).ToArray() : datagram.Payload;
            Assert.Equal(Hex.Format(ike), Hex.Format(message.ToArray()));
        }
    }

    [Fact]
    public void Main_mode_1_offers_four_transforms_and_announces_extensions()
    {
        var message = Messages()[0];
        Assert.Equal(0UL, message.Header.ResponderSpi);
        var transforms = message.Find<SecurityAssociationPayload>()!.Proposals.Single().Transforms;
        Assert.Equal(
            [(7, 20), (7, 19), (7, 14), (5, 2)],
            transforms.Select(t => ((int)t.FindAttribute(IkeAttributeType.EncryptionAlgorithm)!.BasicValue,
                                    (int)t.FindAttribute(IkeAttributeType.GroupDescription)!.BasicValue)));
        Assert.All(transforms, t => Assert.Equal((ushort)IkeAuthenticationMethod.PreSharedKey, t.FindAttribute(IkeAttributeType.AuthenticationMethod)!.BasicValue));

        Assert.Equal(
            [VendorIdCatalog.Xauth, VendorIdCatalog.DeadPeerDetection, VendorIdCatalog.IkeFragmentationCapable,
             VendorIdCatalog.NatTraversalRfc3947, VendorIdCatalog.NatTraversalDraft02N],
            message.FindAll<VendorIdPayload>().Select(v => v.Identify()?.VendorId));
    }

    [Fact]
    public void Main_mode_2_selects_one_transform()
    {
        var message = Messages()[1];
        Assert.NotEqual(0UL, message.Header.ResponderSpi);
        var transform = message.Find<SecurityAssociationPayload>()!.Proposals.Single().Transforms.Single();
        Assert.Equal((ushort)DiffieHellmanGroup.EcpP384, transform.FindAttribute(IkeAttributeType.GroupDescription)!.BasicValue);
    }

    [Fact]
    public void Main_mode_3_and_4_carry_key_exchange_nonce_and_nat_discovery()
    {
        foreach (var message in Messages().Skip(2).Take(2))
        {
            Assert.Equal(
                [IsakmpPayloadType.KeyExchange, IsakmpPayloadType.Nonce, IsakmpPayloadType.NatDiscovery, IsakmpPayloadType.NatDiscovery],
                message.Payloads.Select(p => p.PayloadType));
            Assert.Equal(96, message.Find<KeyExchangePayload>()!.Data.Length);        // ECP-384: x and y
            Assert.All(message.FindAll<NatDiscoveryPayload>(), d => Assert.Equal(20, d.Hash.Length));   // SHA1
        }
    }

    private static IReadOnlyList<IsakmpMessage> Messages() => Datagrams.Select(datagram =>
    {
        ReadOnlySpan<byte> ike = datagram.Payload;
        if (datagram.DestinationPort == 4500)
        {
            Assert.Equal(UdpEncapsulatedDatagramKind.Ike, NatTraversalFraming.Classify(datagram.Payload));
            Assert.True(NatTraversalFraming.TryRemoveNonEspMarker(datagram.Payload, out ike));
        }

        Assert.True(IsakmpMessage.TryParse(ike, out var message));
        return message!;
    }).ToArray();
}
