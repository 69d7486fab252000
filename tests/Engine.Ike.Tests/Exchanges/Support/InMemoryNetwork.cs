using System.Net;
using Engine.Ike.Network;

namespace Engine.Ike.Tests.Exchanges.Support;

/// <summary>
/// Connects engines in one process: datagrams queue on send and are delivered when the test pumps
/// (<see cref="Deliver"/>), so nothing re-enters an engine. Knobs drop, duplicate, hold back
/// (reorder) datagrams, and a NAT can rewrite one host's source address and port.
/// </summary>
public sealed class InMemoryNetwork
{
    private readonly Dictionary<IPAddress, Action<IkeDatagram>> hosts = [];
    private readonly Queue<SentDatagram> queue = new();
    private readonly List<SentDatagram> held = [];
    private readonly List<Rule> rules = [];
    private readonly Dictionary<IPAddress, NatMapping> nats = [];
    private int sequence;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public List<SentDatagram> Sent { get; } = [];

    public List<SentDatagram> Delivered { get; } = [];

    public List<SentDatagram> Dropped { get; } = [];

    public IIkeDatagramTransport TransportFor(IPAddress address) => new HostTransport(this, address);

    public void Attach(IPAddress address, Action<IkeDatagram> receive) => hosts[address] = receive;

    public void Detach(IPAddress address) => hosts.Remove(address);

    /// <summary>Drops the next <paramref name="count"/> datagrams that match.</summary>
    public void Drop(Func<SentDatagram, bool> match, int count = 1) => rules.Add(new Rule(match, count, Action.Drop));

    /// <summary>Drops every datagram that matches, for good.</summary>
    public void DropAll(Func<SentDatagram, bool> match) => rules.Add(new Rule(match, int.MaxValue, Action.Drop));

    /// <summary>Delivers the next matching datagram twice.</summary>
    public void Duplicate(Func<SentDatagram, bool> match, int count = 1) => rules.Add(new Rule(match, count, Action.Duplicate));

    /// <summary>Holds matching datagrams back until <see cref="ReleaseHeld"/>: they arrive after later ones.</summary>
    public void Hold(Func<SentDatagram, bool> match, int count = 1) => rules.Add(new Rule(match, count, Action.Hold));

    /// <summary>Changes the bytes of the next matching datagram on the wire (a flag, a byte of ciphertext).</summary>
    public void Rewrite(Func<SentDatagram, bool> match, Action<byte[]> change, int count = 1) =>
        Replace(match, bytes => { change(bytes); return bytes; }, count);

    /// <summary>Replaces the next matching datagram's bytes with what <paramref name="replace"/> makes of them.</summary>
    public void Replace(Func<SentDatagram, bool> match, Func<byte[], byte[]> replace, int count = 1) =>
        rules.Add(new Rule(match, count, Action.Rewrite) { Change = replace });

    public void ReleaseHeld()
    {
        foreach (var datagram in held)
        {
            queue.Enqueue(datagram);
        }

        held.Clear();
        Deliver();
    }

    public void ClearRules() => rules.Clear();

    /// <summary>
    /// Puts <paramref name="inside"/> behind a NAT with public address <paramref name="outside"/>:
    /// its datagrams leave with the public address and a mapped port, answers to that mapping come
    /// back to it.
    /// </summary>
    public void AddNat(IPAddress inside, IPAddress outside) => nats[inside] = new NatMapping(inside, outside);

    /// <summary>Delivers queued datagrams, and whatever they cause, until the wire is quiet.</summary>
    public int Deliver(int limit = 10_000)
    {
        var delivered = 0;
        while (queue.Count > 0)
        {
            if (++delivered > limit)
            {
                throw new InvalidOperationException("the peers do not stop talking");
            }

            var datagram = queue.Dequeue();
            var rule = rules.FirstOrDefault(r => r.Remaining > 0 && r.Match(datagram));
            if (rule is not null)
            {
                rule.Remaining--;
                switch (rule.Action)
                {
                    case Action.Drop:
                        Dropped.Add(datagram);
                        continue;
                    case Action.Hold:
                        held.Add(datagram);
                        continue;
                    case Action.Duplicate:
                        Hand(datagram);
                        break;
                    case Action.Rewrite:
                        datagram.Payload = rule.Change!(datagram.Payload);
                        break;
                }
            }

            Hand(datagram);
        }

        return delivered;
    }

    private void Send(IPAddress host, IkeDatagram datagram)
    {
        var source = datagram.Local;
        if (nats.TryGetValue(host, out var nat))
        {
            source = nat.Outbound(source);
        }

        var sent = new SentDatagram(datagram.Payload.ToArray(), source, datagram.Remote, ++sequence, Clock.GetUtcNow());
        Sent.Add(sent);
        queue.Enqueue(sent);
    }

    private void Hand(SentDatagram datagram)
    {
        var destination = datagram.Destination;
        foreach (var nat in nats.Values)
        {
            if (nat.TryInbound(destination, out var inside))
            {
                destination = inside;
            }
        }

        if (!hosts.TryGetValue(destination.Address, out var receive))
        {
            Dropped.Add(datagram);
            return;
        }

        Delivered.Add(datagram);
        receive(new IkeDatagram(datagram.Payload, destination, datagram.Source));
    }

    private enum Action
    {
        Drop,
        Duplicate,
        Hold,
        Rewrite,
    }

    private sealed class Rule(Func<SentDatagram, bool> match, int count, Action action)
    {
        public Func<SentDatagram, bool> Match { get; } = match;

        public int Remaining { get; set; } = count;

        public Action Action { get; } = action;

        public Func<byte[], byte[]>? Change { get; init; }
    }

    private sealed class HostTransport(InMemoryNetwork network, IPAddress host) : IIkeDatagramTransport
    {
        public void Send(IkeDatagram datagram) => network.Send(host, datagram);
    }

    /// <summary>A port-restricted NAT: each inside port gets an outside port from 40000 up.</summary>
    private sealed class NatMapping(IPAddress inside, IPAddress outside)
    {
        private readonly Dictionary<int, int> outboundPorts = [];
        private readonly Dictionary<int, int> inboundPorts = [];

        public IPEndPoint Outbound(IPEndPoint source)
        {
            if (!outboundPorts.TryGetValue(source.Port, out var mapped))
            {
                mapped = 40000 + outboundPorts.Count;
                outboundPorts[source.Port] = mapped;
                inboundPorts[mapped] = source.Port;
            }

            return new IPEndPoint(outside, mapped);
        }

        public bool TryInbound(IPEndPoint destination, out IPEndPoint insideEndpoint)
        {
            insideEndpoint = destination;
            if (!destination.Address.Equals(outside) || !inboundPorts.TryGetValue(destination.Port, out var port))
            {
                return false;
            }

            insideEndpoint = new IPEndPoint(inside, port);
            return true;
        }
    }
}
