using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

public sealed class GoldenMessageTests
{
    [Fact]
    public void Windows_main_mode_message_1_writes_the_hand_built_bytes()
    {
        Assert.Equal(Hex.Format(WindowsMainModeMessage1.Bytes), Hex.Format(WindowsMainModeMessage1.Build().ToArray()));
    }

    [Fact]
    public void Windows_main_mode_message_1_parses_to_its_proposal_and_vendor_ids()
    {
        Assert.True(IsakmpMessage.TryParse(WindowsMainModeMessage1.Bytes, out var message));
        Assert.Equal(WindowsMainModeMessage1.InitiatorSpi, message!.Header.InitiatorSpi);
        Assert.Equal(0UL, message.Header.ResponderSpi);
        Assert.Equal(IsakmpExchangeType.MainMode, message.Header.ExchangeType);
        Assert.Equal(IsakmpPayloadType.SecurityAssociation, message.Header.NextPayload);
        Assert.Equal(328u, message.Header.Length);
        Assert.False(message.HasEncryptedBody);

        var sa = message.Find<SecurityAssociationPayload>()!;
        var proposal = Assert.Single(sa.Proposals);
        Assert.Equal(IsakmpProtocolId.Isakmp, proposal.ProtocolId);
        Assert.Equal(
            ["7/256/20", "7/128/19", "7/256/14", "5/-/2"],
            proposal.Transforms.Select(t =>
                $"{Value(t, IkeAttributeType.EncryptionAlgorithm)}/{Value(t, IkeAttributeType.KeyLength)}/{Value(t, IkeAttributeType.GroupDescription)}"));
        var lifetime = proposal.Transforms[0].FindAttribute(IkeAttributeType.LifeDuration)!;
        Assert.False(lifetime.IsBasic);
        Assert.True(lifetime.TryGetInteger(out var seconds));
        Assert.Equal(28800UL, seconds);

        var vendors = message.FindAll<VendorIdPayload>().Select(v => v.Identify()!.VendorId).ToArray();
        Assert.Equal(
            [VendorIdCatalog.MicrosoftWindows, VendorIdCatalog.NatTraversalRfc3947, VendorIdCatalog.NatTraversalDraft02N,
             VendorIdCatalog.IkeFragmentation, VendorIdCatalog.MicrosoftNegotiationDiscovery, VendorIdCatalog.MicrosoftCgaVersion1],
            vendors);
        Assert.Equal(9u, message.FindAll<VendorIdPayload>().First().Identify()!.SuffixValue);
    }

    [Fact]
    public void Quick_mode_message_1_layout_writes_the_hand_built_bytes()
    {
        Assert.Equal(Hex.Format(QuickModeMessage1.Bytes), Hex.Format(QuickModeMessage1.Build().ToArray()));
    }

    [Fact]
    public void Quick_mode_message_1_layout_parses_in_order()
    {
        Assert.True(IsakmpMessage.TryParse(QuickModeMessage1.Bytes, out var message));
        Assert.Equal(
            [IsakmpPayloadType.Hash, IsakmpPayloadType.SecurityAssociation, IsakmpPayloadType.Nonce, IsakmpPayloadType.Identification,
             IsakmpPayloadType.Identification, IsakmpPayloadType.NatOriginalAddress, IsakmpPayloadType.NatOriginalAddress],
            message!.Payloads.Select(p => p.PayloadType));
        Assert.Equal(QuickModeMessage1.MessageId, message.Header.MessageId);

        var sa = message.Find<SecurityAssociationPayload>()!;
        Assert.Equal([1, 2], sa.Proposals.Select(p => (int)p.ProposalNumber));
        Assert.All(sa.Proposals, p => Assert.Equal(new byte[] { 0xc0, 0xff, 0xee, 0x01 }, p.Spi.ToArray()));
        var aes = sa.Proposals[0].Transforms[0];
        Assert.Equal((byte)EspTransformId.AesCbc, aes.TransformId);
        Assert.Equal((ushort)EncapsulationMode.UdpTransport, aes.FindAttribute(IpsecAttributeType.EncapsulationMode)!.BasicValue);

        var ids = message.FindAll<IdentificationPayload>().ToArray();
        Assert.True(ids[0].TryGetAddress(out var initiator));
        Assert.Equal(QuickModeMessage1.Initiator, initiator);
        Assert.Equal((17, 1701), (ids[1].Protocol, ids[1].Port));
        Assert.Equal([QuickModeMessage1.Initiator, QuickModeMessage1.Responder], message.FindAll<NatOriginalAddressPayload>().Select(p => p.Address));
    }

    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Every_sample_message_round_trips_byte_exact(string name)
    {
        var bytes = SampleMessages.Get(name).Bytes;
        Assert.True(IsakmpMessage.TryParse(bytes, out var parsed));
        Assert.Equal(Hex.Format(bytes), Hex.Format(parsed!.ToArray()));
    }

    private static string Value(TransformPayload transform, IkeAttributeType type) =>
        transform.FindAttribute(type)?.TryGetInteger(out var value) == true ? value.ToString() : "-";
}
