using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Sa;
using Engine.Ike.Tests.Exchanges.Support;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;

namespace Engine.Ike.Tests.Exchanges;

public sealed class MainModeTests
{
    [Fact]
    public void Main_mode_and_quick_mode_bring_up_paired_sas()
    {
        var peers = new TwoPeers();

        peers.Initiate();

        peers.AssertNoFailures();
        var initiatorMainMode = Assert.Single(peers.Initiator.Events.Of<MainModeEstablishedEvent>());
        var responderMainMode = Assert.Single(peers.Responder.Events.Of<MainModeEstablishedEvent>());
        Assert.True(initiatorMainMode.IsInitiator);
        Assert.False(responderMainMode.IsInitiator);
        Assert.Equal(initiatorMainMode.IkeSaId, responderMainMode.IkeSaId);
        Assert.Equal(AuditEventId.SaEstablished, initiatorMainMode.AuditId);
        Assert.Single(peers.Initiator.Events.Of<QuickModeEstablishedEvent>());
        Assert.Single(peers.Responder.Events.Of<QuickModeEstablishedEvent>());
        peers.AssertSasPairUp();
        Assert.Equal(IkeSaState.Established, Assert.Single(peers.Initiator.Engine.GetMainModeSas()).State);
    }
}
