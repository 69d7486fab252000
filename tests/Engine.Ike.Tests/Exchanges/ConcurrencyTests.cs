using System.Collections.Concurrent;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Network;
using Engine.Ike.Selectors;
using Engine.Ike.Tests.Exchanges.Support;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Ike.Tests.Exchanges;

/// <summary>
/// The engine called from several threads at once, as the host's receive workers do: key exchanges
/// run outside the engine's lock (EngineGate), so many negotiations proceed in parallel while each
/// ISAKMP SA still sees one message at a time, and a retransmitted copy of a message whose key
/// exchange is under way is not processed a second time. The clock is fake and never advanced: no
/// retransmission can hide a lost or doubled message.
/// </summary>
[Collection(KeyExchangeProviderCollection.Name)]
public sealed class ConcurrencyTests
{
    private static readonly IPAddress ResponderAddress = IPAddress.Parse("10.9.0.1");

    [Fact]
    public void Many_main_and_quick_modes_at_once_on_several_threads_all_complete()
    {
        const int Initiators = 40;
        var clock = new FakeTimeProvider(TwoPeers.Start);
        using var network = new ThreadedNetwork(deliveryThreads: 4);
        var responder = Peer(ResponderAddress, ResponderPolicy(), network, clock);
        var initiators = Enumerable.Range(1, Initiators)
            .Select(i => Peer(InitiatorAddress(i), Policies.Transport(InitiatorAddress(i), ResponderAddress), network, clock))
            .ToArray();

        // All at once, from several threads.
        Parallel.ForEach(initiators, initiator => initiator.Engine.Initiate(
            QuickModeRequest.ForPacket(initiator.Policy.ChildPolicies[0], initiator.Address, initiator.Address, ResponderAddress)));
        Assert.True(network.WaitUntilQuiet(TimeSpan.FromSeconds(120)), "the network did not go quiet");

        Assert.Empty(network.Failures);
        Assert.Empty(responder.Events.Failures);
        Assert.Equal(Initiators, responder.Engine.GetMainModeSas().Count(sa => sa.State == Sa.IkeSaState.Established));
        Assert.Equal(Initiators, responder.Engine.GetQuickModeSas().Count);
        foreach (var initiator in initiators)
        {
            Assert.Empty(initiator.Events.Failures);
            var child = Assert.Single(initiator.Engine.GetQuickModeSas());
            var peerChild = Assert.Single(responder.Engine.GetQuickModeSas(), c => c.Remote.Address.Equals(initiator.Address));
            Assert.Equal(child.InboundSpis, peerChild.OutboundSpis);
            Assert.Equal(child.OutboundSpis, peerChild.InboundSpis);
        }

        // Exactly one answer per request: 3 main mode answers and quick mode 2 per initiator.
        Assert.Equal(4 * Initiators, network.Sent.Count(d => d.Local.Address.Equals(ResponderAddress)));
    }

    [Fact]
    public void A_copy_of_main_mode_3_during_its_key_exchange_is_dropped_and_the_lock_is_free_meanwhile()
    {
        var clock = new FakeTimeProvider(TwoPeers.Start);
        var network = new InMemoryNetwork { Clock = clock };
        var initiatorAddress = InitiatorAddress(1);
        var initiator = new TestPeer(initiatorAddress, Policies.Transport(initiatorAddress, ResponderAddress), new IkeEngineOptions(), network, clock);
        var responder = new TestPeer(ResponderAddress, Policies.Transport(ResponderAddress, initiatorAddress), new IkeEngineOptions(), network, clock);

        // Main mode messages 1 and 2 go through; message 3 is held on the wire.
        network.Hold(d => d.Header is { ExchangeType: IsakmpExchangeType.MainMode } && d.Source.Address.Equals(initiatorAddress)
            && network.Sent.Count(s => s.Source.Address.Equals(initiatorAddress)) == 2);
        initiator.Engine.Initiate(QuickModeRequest.ForPacket(initiator.Policy.ChildPolicies[0], initiatorAddress, initiatorAddress, ResponderAddress));
        network.Deliver();
        var message3 = network.Sent.Last(d => d.Source.Address.Equals(initiatorAddress));
        Assert.Equal(2, network.Sent.Count(d => d.Source.Address.Equals(initiatorAddress)));
        var answersBefore = network.Sent.Count(d => d.Source.Address.Equals(ResponderAddress));

        // The responder's key pair for message 4 blocks until released, on this thread only.
        using var blocking = new BlockingEcpProvider();
        KeyExchanges.UseEcpProvider(blocking);
        try
        {
            var datagram = new IkeDatagram(message3.Payload, message3.Destination, message3.Source);
            var first = new Thread(() =>
            {
                blocking.BlockOnThisThread();
                responder.Engine.Receive(datagram);
            });
            first.Start();
            Assert.True(blocking.Entered.Wait(TimeSpan.FromSeconds(30)), "the key exchange did not start");

            // The engine's lock is free while the key exchange runs: API calls and other datagrams go on.
            Assert.Single(responder.Engine.GetMainModeSas());

            // The peer's retransmission of message 3 arrives meanwhile: dropped, not answered again.
            responder.Engine.Receive(new IkeDatagram((byte[])message3.Payload.Clone(), message3.Destination, message3.Source));
            Assert.Equal(answersBefore, network.Sent.Count(d => d.Source.Address.Equals(ResponderAddress)));

            blocking.Release();
            Assert.True(first.Join(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            KeyExchanges.UseEcpProvider(null);
        }

        // Exactly one message 4, and the negotiation completes from there.
        Assert.Equal(answersBefore + 1, network.Sent.Count(d => d.Source.Address.Equals(ResponderAddress)));
        Assert.Contains(responder.Trace.Lines, line => line.Contains("copy of the message in progress received: dropped", StringComparison.Ordinal));
        network.ClearRules();
        network.Deliver();
        Assert.Empty(initiator.Events.Failures);
        Assert.Empty(responder.Events.Failures);
        Assert.Single(initiator.Engine.GetQuickModeSas());
        Assert.Single(responder.Engine.GetQuickModeSas());
    }

    [Fact]
    public void A_quick_mode_pfs_key_exchange_runs_with_the_lock_free()
    {
        var clock = new FakeTimeProvider(TwoPeers.Start);
        var network = new InMemoryNetwork { Clock = clock };
        var initiatorAddress = InitiatorAddress(1);
        var initiator = new TestPeer(initiatorAddress, Policies.Transport(initiatorAddress, ResponderAddress, pfs: true, pfsGroup: Engine.Crypto.KeyExchange.DiffieHellmanGroup.Ecp256), new IkeEngineOptions(), network, clock);
        var responder = new TestPeer(ResponderAddress, Policies.Transport(ResponderAddress, initiatorAddress, pfs: true, pfsGroup: Engine.Crypto.KeyExchange.DiffieHellmanGroup.Ecp256), new IkeEngineOptions(), network, clock);

        // Main mode completes; quick mode 1 is held on the wire.
        network.Hold(d => d.Header is { ExchangeType: IsakmpExchangeType.QuickMode } && d.Source.Address.Equals(initiatorAddress));
        initiator.Engine.Initiate(QuickModeRequest.ForPacket(initiator.Policy.ChildPolicies[0], initiatorAddress, initiatorAddress, ResponderAddress));
        network.Deliver();
        var message1 = network.Sent.Last(d => d.Header is { ExchangeType: IsakmpExchangeType.QuickMode } && d.Source.Address.Equals(initiatorAddress));

        // The responder's PFS key pair blocks until released, on this thread only.
        using var blocking = new BlockingEcpProvider();
        KeyExchanges.UseEcpProvider(blocking);
        try
        {
            var first = new Thread(() =>
            {
                blocking.BlockOnThisThread();
                responder.Engine.Receive(new IkeDatagram(message1.Payload, message1.Destination, message1.Source));
            });
            first.Start();
            Assert.True(blocking.Entered.Wait(TimeSpan.FromSeconds(30)), "the PFS key exchange did not start");

            // The engine's lock is free meanwhile.
            Assert.Single(responder.Engine.GetMainModeSas());
            Assert.Empty(responder.Engine.GetQuickModeSas());

            blocking.Release();
            Assert.True(first.Join(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            KeyExchanges.UseEcpProvider(null);
        }

        network.ClearRules();
        network.Deliver();
        Assert.Empty(initiator.Events.Failures);
        Assert.Empty(responder.Events.Failures);
        Assert.True(Assert.Single(initiator.Engine.GetQuickModeSas()).PerfectForwardSecrecy);
        Assert.True(Assert.Single(responder.Engine.GetQuickModeSas()).PerfectForwardSecrecy);
    }

    [Fact]
    public void Other_messages_of_an_sa_wait_for_its_key_exchange_and_then_run_in_order()
    {
        var clock = new FakeTimeProvider(TwoPeers.Start);
        var network = new InMemoryNetwork { Clock = clock };
        var initiatorAddress = InitiatorAddress(2);
        var initiator = new TestPeer(initiatorAddress, Policies.Transport(initiatorAddress, ResponderAddress), new IkeEngineOptions(), network, clock);
        var responder = new TestPeer(ResponderAddress, Policies.Transport(ResponderAddress, initiatorAddress), new IkeEngineOptions(), network, clock);
        network.Hold(d => d.Header is { ExchangeType: IsakmpExchangeType.MainMode } && d.Source.Address.Equals(initiatorAddress)
            && network.Sent.Count(s => s.Source.Address.Equals(initiatorAddress)) == 2);
        initiator.Engine.Initiate(QuickModeRequest.ForPacket(initiator.Policy.ChildPolicies[0], initiatorAddress, initiatorAddress, ResponderAddress));
        network.Deliver();
        var message1 = network.Sent.First(d => d.Source.Address.Equals(initiatorAddress));
        var message3 = network.Sent.Last(d => d.Source.Address.Equals(initiatorAddress));
        var answersBefore = network.Sent.Count(d => d.Source.Address.Equals(ResponderAddress));

        using var blocking = new BlockingEcpProvider();
        KeyExchanges.UseEcpProvider(blocking);
        try
        {
            var first = new Thread(() =>
            {
                blocking.BlockOnThisThread();
                responder.Engine.Receive(new IkeDatagram(message3.Payload, message3.Destination, message3.Source));
            });
            first.Start();
            Assert.True(blocking.Entered.Wait(TimeSpan.FromSeconds(30)), "the key exchange did not start");

            // A late retransmission of message 1 waits for the key exchange (it is not the message in progress).
            responder.Engine.Receive(new IkeDatagram(message1.Payload, message1.Destination, message1.Source));
            Assert.Equal(answersBefore, network.Sent.Count(d => d.Source.Address.Equals(ResponderAddress)));

            blocking.Release();
            Assert.True(first.Join(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            KeyExchanges.UseEcpProvider(null);
        }

        // Message 4 once; the late message 1 afterwards is recognised as an old step and ignored.
        Assert.Equal(answersBefore + 1, network.Sent.Count(d => d.Source.Address.Equals(ResponderAddress)));
        Assert.Contains(responder.Trace.Lines, line => line.Contains("late retransmission", StringComparison.Ordinal));
        network.ClearRules();
        network.Deliver();
        Assert.Empty(responder.Events.Failures);
        Assert.Single(responder.Engine.GetQuickModeSas());
    }

    [Fact]
    public void An_sa_removed_during_its_key_exchange_is_left_alone_afterwards()
    {
        var clock = new FakeTimeProvider(TwoPeers.Start);
        var network = new InMemoryNetwork { Clock = clock };
        var initiatorAddress = InitiatorAddress(3);
        var initiator = new TestPeer(initiatorAddress, Policies.Transport(initiatorAddress, ResponderAddress), new IkeEngineOptions(), network, clock);
        var responder = new TestPeer(ResponderAddress, Policies.Transport(ResponderAddress, initiatorAddress), new IkeEngineOptions(), network, clock);
        network.Hold(d => d.Header is { ExchangeType: IsakmpExchangeType.MainMode } && d.Source.Address.Equals(initiatorAddress)
            && network.Sent.Count(s => s.Source.Address.Equals(initiatorAddress)) == 2);
        initiator.Engine.Initiate(QuickModeRequest.ForPacket(initiator.Policy.ChildPolicies[0], initiatorAddress, initiatorAddress, ResponderAddress));
        network.Deliver();
        var message3 = network.Sent.Last(d => d.Source.Address.Equals(initiatorAddress));
        var sentBefore = network.Sent.Count;

        using var blocking = new BlockingEcpProvider();
        KeyExchanges.UseEcpProvider(blocking);
        try
        {
            var first = new Thread(() =>
            {
                blocking.BlockOnThisThread();
                responder.Engine.Receive(new IkeDatagram(message3.Payload, message3.Destination, message3.Source));
            });
            first.Start();
            Assert.True(blocking.Entered.Wait(TimeSpan.FromSeconds(30)), "the key exchange did not start");

            // The administrator removes the half-open SA meanwhile.
            Assert.True(responder.Engine.DeleteMainModeSa(Assert.Single(responder.Engine.GetMainModeSas()).Id));
            blocking.Release();
            Assert.True(first.Join(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            KeyExchanges.UseEcpProvider(null);
        }

        // No message 4 for an SA that is gone, and nothing failed on the way.
        Assert.Empty(responder.Engine.GetMainModeSas());
        Assert.DoesNotContain(network.Sent.Skip(sentBefore), d => d.Source.Address.Equals(ResponderAddress) && d.Header is { ExchangeType: IsakmpExchangeType.MainMode });
    }

    private static IPAddress InitiatorAddress(int index) => IPAddress.Parse($"10.9.1.{index}");

    private static IkePolicy ResponderPolicy()
    {
        var initiators = TrafficSelector.ForSubnet(IPAddress.Parse("10.9.1.0"), 24);
        var template = Policies.Transport(ResponderAddress, IPAddress.Parse("10.9.1.1"), remoteTraffic: initiators);
        return new IkePolicy
        {
            Name = "responder for 10.9.1.0/24",
            MainMode = template.MainMode,
            PreSharedKeys = [PreSharedKeyEntry.FromText(initiators, Policies.Key)],
            ChildPolicies = template.ChildPolicies,
        };
    }

    private static TestPeer Peer(IPAddress address, IkePolicy policy, ThreadedNetwork network, TimeProvider clock)
    {
        var peer = new TestPeer(address, policy, new IkeEngineOptions(), network.TransportFor(address), clock);
        network.Attach(address, peer.Engine.Receive);
        return peer;
    }

    /// <summary>Makes ECP key pairs block on one chosen thread until released; every other thread gets the built-in implementation.</summary>
    private sealed class BlockingEcpProvider : IEcpKeyExchangeProvider, IDisposable
    {
        private readonly ManualResetEventSlim release = new();
        private int blockedThread = -1;

        public string Name => "blocking test provider";

        public ManualResetEventSlim Entered { get; } = new();

        public void BlockOnThisThread() => Volatile.Write(ref blockedThread, Environment.CurrentManagedThreadId);

        public void Release() => release.Set();

        public IKeyExchange? Create(Engine.Crypto.KeyExchange.DiffieHellmanGroup group)
        {
            if (Environment.CurrentManagedThreadId == Volatile.Read(ref blockedThread))
            {
                Entered.Set();
                release.Wait(TimeSpan.FromSeconds(60));
            }

            return null;
        }

        public void Dispose()
        {
            release.Set();
            release.Dispose();
            Entered.Dispose();
        }
    }

    /// <summary>
    /// Delivers every datagram on one of several threads as soon as it is sent, so engines are
    /// entered concurrently (each ISAKMP SA's messages are causal: a request waits for its answer).
    /// </summary>
    private sealed class ThreadedNetwork : IDisposable
    {
        private readonly ConcurrentDictionary<IPAddress, Action<IkeDatagram>> hosts = new();
        private readonly BlockingCollection<IkeDatagram> queue = new();
        private readonly Thread[] threads;
        private int inFlight;

        public ThreadedNetwork(int deliveryThreads)
        {
            threads = Enumerable.Range(0, deliveryThreads).Select(_ => new Thread(Run) { IsBackground = true }).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }
        }

        public ConcurrentQueue<IkeDatagram> Sent { get; } = new();

        public ConcurrentQueue<Exception> Failures { get; } = new();

        public void Attach(IPAddress address, Action<IkeDatagram> receive) => hosts[address] = receive;

        public IIkeDatagramTransport TransportFor(IPAddress address) => new Transport(this);

        /// <summary>True once nothing has been in flight for a while; false at the deadline.</summary>
        public bool WaitUntilQuiet(TimeSpan deadline)
        {
            var end = DateTime.UtcNow + deadline;
            var quietSince = DateTime.MaxValue;
            while (DateTime.UtcNow < end)
            {
                if (Volatile.Read(ref inFlight) == 0)
                {
                    quietSince = quietSince == DateTime.MaxValue ? DateTime.UtcNow : quietSince;
                    if (DateTime.UtcNow - quietSince > TimeSpan.FromMilliseconds(300))
                    {
                        return true;
                    }
                }
                else
                {
                    quietSince = DateTime.MaxValue;
                }

                Thread.Sleep(20);
            }

            return false;
        }

        public void Dispose()
        {
            queue.CompleteAdding();
            foreach (var thread in threads)
            {
                thread.Join(TimeSpan.FromSeconds(10));
            }

            queue.Dispose();
        }

        private void Send(IkeDatagram datagram)
        {
            Sent.Enqueue(datagram);
            Interlocked.Increment(ref inFlight);
            queue.Add(new IkeDatagram(datagram.Payload.ToArray(), datagram.Remote, datagram.Local));
        }

        private void Run()
        {
            foreach (var datagram in queue.GetConsumingEnumerable())
            {
                try
                {
                    if (hosts.TryGetValue(datagram.Local.Address, out var receive))
                    {
                        receive(datagram);
                    }
                }
                catch (Exception e)
                {
                    Failures.Enqueue(e);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }
        }

        private sealed class Transport(ThreadedNetwork network) : IIkeDatagramTransport
        {
            public void Send(IkeDatagram datagram) => network.Send(datagram);
        }
    }
}
