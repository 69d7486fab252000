using Engine.Ike.Network;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

/// <summary>Whatever arrives on the IKE port, Receive returns: a broken datagram must never take the engine's receive loop down.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void Mutated_copies_of_a_whole_negotiation_never_throw()
    {
        var peers = new TwoPeers(Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, pfs: true), Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, pfs: true));
        peers.Initiate();
        var recorded = peers.Network.Sent.ToArray();
        var random = new Random(20251124);

        for (var i = 0; i < 3000; i++)
        {
            var original = recorded[random.Next(recorded.Length)];
            var bytes = original.Payload.ToArray();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            if (random.Next(8) == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }

            var target = original.Destination.Address.Equals(TwoPeers.ResponderAddress) ? peers.Responder : peers.Initiator;
            target.Engine.Receive(new IkeDatagram(bytes, original.Destination, original.Source));
            peers.Network.Deliver();
        }

        Assert.NotEmpty(peers.Initiator.Engine.GetQuickModeSas());
    }

    [Fact]
    public void Random_datagrams_never_throw()
    {
        var peers = new TwoPeers();
        var random = new Random(7);

        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 120)];
            random.NextBytes(bytes);
            peers.Responder.Engine.Receive(new IkeDatagram(bytes, new System.Net.IPEndPoint(TwoPeers.ResponderAddress, random.Next(2) == 0 ? 500 : 4500), new System.Net.IPEndPoint(TwoPeers.InitiatorAddress, 500)));
        }

        peers.Network.Deliver();
        peers.Initiate();
        peers.AssertSasPairUp();
    }
}
