using Engine.Ike.Configuration;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Sa;
using Engine.Ike.Selectors;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

public sealed class EngineApiTests
{
    [Fact]
    public void Snapshots_describe_the_sas_without_keys()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        var inbound = peers.Initiator.Kernel.Inbound.Single().Id;
        peers.Initiator.Kernel.Usage[inbound] = new KernelSaUsage(4096, 3, peers.Clock.GetUtcNow());

        var mainMode = Assert.Single(peers.Initiator.Engine.GetMainModeSas());
        var quickMode = Assert.Single(peers.Initiator.Engine.GetQuickModeSas());

        Assert.Equal(IkeSaState.Established, mainMode.State);
        Assert.Equal(Policies.Aes128Sha1Ecp256.ToString(), mainMode.Proposal);
        Assert.Equal(1, mainMode.QuickModes);
        Assert.Contains("IpSecPolicy engine", mainMode.PeerVendorIds);
        Assert.Equal("secure hosts", quickMode.Policy);
        Assert.Equal(ChildSaState.Installed, quickMode.State);
        Assert.Equal(inbound.Spi, quickMode.InboundSpis[IpsecProtocol.Esp]);
        Assert.Equal(4096ul, quickMode.Inbound.Bytes);
        Assert.Equal(TimeSpan.FromHours(1), quickMode.Lifetime);
        var text = mainMode.ToString() + quickMode;
        Assert.DoesNotContain(Convert.ToHexString(peers.Initiator.Kernel.Inbound.Single().EncryptionKey.Span), text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_new_policy_keeps_sas_it_still_covers_and_deletes_the_others_with_a_delete()
    {
        var peers = new TwoPeers();
        peers.Initiate();

        peers.Initiator.Engine.UpdatePolicy(peers.Initiator.Policy);
        peers.Network.Deliver();
        Assert.Single(peers.Initiator.Engine.GetQuickModeSas());

        var narrower = Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, localTraffic: TrafficSelector.ForHost(TwoPeers.InitiatorAddress, 6));
        peers.Initiator.Engine.UpdatePolicy(narrower);
        peers.Network.Deliver();

        Assert.Equal(SaEndReason.PolicyChanged, Assert.Single(peers.Initiator.Events.Of<QuickModeEndedEvent>()).Reason);
        Assert.Equal(SaEndReason.DeletedByPeer, Assert.Single(peers.Responder.Events.Of<QuickModeEndedEvent>()).Reason);
    }

    [Fact]
    public void Nothing_runs_after_dispose()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        peers.Initiator.Engine.Dispose();
        peers.Network.Deliver();
        var sent = peers.Network.Sent.Count;

        peers.Initiate();
        peers.Advance(TimeSpan.FromMinutes(5));

        Assert.DoesNotContain(peers.Network.Sent.Skip(sent), d => d.Source.Address.Equals(TwoPeers.InitiatorAddress));
    }

    [Fact]
    public void Retransmission_defaults_are_strongswans()
    {
        var settings = new RetransmissionSettings();

        Assert.Equal(TimeSpan.FromSeconds(4), settings.TimeoutAfter(0));
        Assert.Equal(TimeSpan.FromSeconds(7.2), settings.TimeoutAfter(1));
        Assert.Equal(5, settings.Tries);
        Assert.InRange(settings.GiveUpAfter.TotalSeconds, 165, 165.2);
        Assert.Equal(TimeSpan.FromSeconds(10), new RetransmissionSettings { Limit = TimeSpan.FromSeconds(10) }.TimeoutAfter(4));
    }
}
