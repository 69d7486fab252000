using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Ike.Tests.Exchanges.Support;

/// <summary>
/// Two engines on one fake clock and one in-memory network: the initiator at 10.0.0.1, the
/// responder at 10.0.0.2. Helpers start a negotiation, pump the network and let time pass in
/// small steps so that each timer's datagrams are delivered when they are due.
/// </summary>
public sealed class TwoPeers
{
    public static readonly IPAddress InitiatorAddress = IPAddress.Parse("10.0.0.1");
    public static readonly IPAddress ResponderAddress = IPAddress.Parse("10.0.0.2");

    public TwoPeers(IkePolicy? initiatorPolicy = null, IkePolicy? responderPolicy = null, IkeEngineOptions? options = null, IkeEngineOptions? responderOptions = null)
    {
        Network.Clock = Clock;
        Options = options ?? new IkeEngineOptions();
        Initiator = new TestPeer(InitiatorAddress, initiatorPolicy ?? Policies.Transport(InitiatorAddress, ResponderAddress), Options, Network, Clock);
        Responder = new TestPeer(ResponderAddress, responderPolicy ?? Policies.Transport(ResponderAddress, InitiatorAddress), responderOptions ?? Options, Network, Clock);
    }

    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public InMemoryNetwork Network { get; } = new();

    public IkeEngineOptions Options { get; }

    public TestPeer Initiator { get; private set; }

    public TestPeer Responder { get; }

    /// <summary>Asks the initiator for its first child policy (or the one given) toward the responder, and pumps the network.</summary>
    public void Initiate(ChildPolicy? policy = null)
    {
        var child = policy ?? Initiator.Policy.ChildPolicies[0];
        Initiator.Engine.Initiate(QuickModeRequest.ForPacket(child, InitiatorAddress, InitiatorAddress, ResponderAddress));
        Network.Deliver();
    }

    public void Initiate(QuickModeRequest request)
    {
        Initiator.Engine.Initiate(request);
        Network.Deliver();
    }

    /// <summary>Lets <paramref name="time"/> pass in steps, delivering what each step's timers send.</summary>
    public void Advance(TimeSpan time, TimeSpan? step = null)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(500);
        var end = Clock.GetUtcNow() + time;
        while (Clock.GetUtcNow() < end)
        {
            var left = end - Clock.GetUtcNow();
            Clock.Advance(left < increment ? left : increment);
            Network.Deliver();
        }
    }

    /// <summary>The initiator's host reboots: a fresh engine at the same address that knows nothing.</summary>
    public void RebootInitiator(IkePolicy? policy = null)
    {
        Network.Detach(InitiatorAddress);
        Initiator = new TestPeer(InitiatorAddress, policy ?? Initiator.Policy, Options, Network, Clock);
    }

    /// <summary>Both sides hold exactly <paramref name="children"/> quick modes whose SAs pair up: same SPI, same keys, opposite direction.</summary>
    public void AssertSasPairUp(int children = 1)
    {
        Assert.Equal(children, Initiator.Engine.GetQuickModeSas().Count);
        Assert.Equal(children, Responder.Engine.GetQuickModeSas().Count);
        Assert.Equal(Initiator.Kernel.Installed.Count, Responder.Kernel.Installed.Count);
        foreach (var outbound in Initiator.Kernel.Outbound.Concat(Responder.Kernel.Outbound))
        {
            var receiver = outbound.Destination.Equals(ResponderAddress) ? Responder.Kernel : Initiator.Kernel;
            var inbound = receiver.Installed[outbound.Id];
            Assert.Equal(SaDirection.Inbound, inbound.Direction);
            Assert.Equal(outbound.Source, inbound.Source);
            Assert.Equal(outbound.EncryptionKey.ToArray(), inbound.EncryptionKey.ToArray());
            Assert.Equal(outbound.IntegrityKey.ToArray(), inbound.IntegrityKey.ToArray());
            Assert.Same(outbound.Cipher, inbound.Cipher);
            Assert.Same(outbound.Aead, inbound.Aead);
            Assert.Same(outbound.Integrity, inbound.Integrity);
            Assert.Equal(outbound.Mode, inbound.Mode);
            Assert.Equal(outbound.LocalTrafficSelector, inbound.RemoteTrafficSelector);
            Assert.Equal(outbound.RemoteTrafficSelector, inbound.LocalTrafficSelector);
        }
    }

    /// <summary>Datagrams one side sent, in order.</summary>
    public SentDatagram[] SentBy(TestPeer peer) => Network.Sent.Where(d => d.Source.Address.Equals(peer.Address)).ToArray();

    public void AssertNoFailures()
    {
        Assert.Empty(Initiator.Events.Failures);
        Assert.Empty(Responder.Events.Failures);
    }

    public NegotiationFailedEvent SingleFailure(TestPeer peer) => Assert.Single(peer.Events.Failures);
}
