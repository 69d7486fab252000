using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

/// <summary>
/// The quick mode responder installs its inbound SA before it sends quick mode 2 and the outbound
/// one after quick mode 3: ESP the initiator sends right after quick mode 3 may arrive first (or
/// quick mode 3 may be lost and come again), and must find its SA. Without quick mode 3 the inbound
/// SA goes again.
/// </summary>
public sealed class ResponderInboundAheadTests
{
    [Fact]
    public void The_inbound_sa_is_in_place_before_quick_mode_3_and_the_outbound_one_after()
    {
        var peers = new TwoPeers();
        var quickModeFromInitiator = 0;
        peers.Network.Hold(d => d.Exchange == IsakmpExchangeType.QuickMode && d.Source.Address.Equals(TwoPeers.InitiatorAddress) && ++quickModeFromInitiator == 2);

        peers.Initiate();

        // Quick mode 3 is on its way: the initiator sends with its outbound SA, which the responder can already open.
        var initiatorOutbound = Assert.Single(peers.Initiator.Kernel.Outbound);
        var responderInbound = Assert.Single(peers.Responder.Kernel.Inbound);
        Assert.Empty(peers.Responder.Kernel.Outbound);
        Assert.Empty(peers.Responder.Engine.GetQuickModeSas());
        Assert.Empty(peers.Responder.Events.Of<QuickModeEstablishedEvent>());
        Assert.Equal(initiatorOutbound.Id, responderInbound.Id);
        Assert.True(initiatorOutbound.EncryptionKey.Span.SequenceEqual(responderInbound.EncryptionKey.Span));
        Assert.True(initiatorOutbound.IntegrityKey.Span.SequenceEqual(responderInbound.IntegrityKey.Span));
        Assert.Equal(SaDirection.Inbound, peers.Responder.Kernel.Added[0].Direction);

        peers.Network.ReleaseHeld();

        peers.AssertSasPairUp();
        Assert.Single(peers.Responder.Events.Of<QuickModeEstablishedEvent>());
        Assert.Equal([SaDirection.Inbound, SaDirection.Outbound], peers.Responder.Kernel.Added.Select(sa => sa.Direction));
        Assert.Equal(responderInbound.Id, Assert.Single(peers.Responder.Engine.GetQuickModeSas()).InboundSpis.Select(p => new KernelSaId(TwoPeers.ResponderAddress, p.Key, p.Value)).Single());
        peers.AssertNoFailures();
    }

    [Fact]
    public void Without_quick_mode_3_the_inbound_sa_goes_again()
    {
        var peers = new TwoPeers();
        var quickModeFromInitiator = 0;
        peers.Network.DropAll(d => d.Exchange == IsakmpExchangeType.QuickMode && d.Source.Address.Equals(TwoPeers.InitiatorAddress) && ++quickModeFromInitiator >= 2);

        peers.Initiate();
        var inbound = Assert.Single(peers.Responder.Kernel.Inbound);
        peers.Advance(TimeSpan.FromSeconds(200));

        var failure = peers.SingleFailure(peers.Responder);
        Assert.Equal(NegotiationMode.QuickMode, failure.Mode);
        Assert.Empty(peers.Responder.Kernel.Installed);
        Assert.Contains(inbound.Id, peers.Responder.Kernel.Deleted);
        Assert.Empty(peers.Responder.Kernel.Reserved);
        Assert.Empty(peers.Responder.Engine.GetQuickModeSas());
    }
}
