using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Engine.DataPlane.Abstractions;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>
/// The wire between the in-process engines. Datagrams queue when sent and move only when the
/// test pumps (<see cref="Deliver"/>), so nothing re-enters an engine from inside a send. A host
/// can be cut off for a while (<see cref="Isolate"/>): what is sent to it waits, without any time
/// passing, until <see cref="Reconnect"/>. A host can sit behind a NAT (<see cref="AddNat"/>).
/// Everything sent is kept for assertions (no cleartext on the wire).
/// </summary>
internal sealed class VirtualNetwork
{
    private const int IkePort = 500;
    private const int NatTraversalPort = 4500;

    private readonly object gate = new();
    private readonly List<VirtualBind> binds = [];
    private readonly Queue<WireDatagram> inFlight = new();
    private readonly List<WireDatagram> waiting = [];
    private readonly HashSet<IPAddress> isolated = [];
    private readonly List<WireDatagram> sent = [];
    private readonly Dictionary<IPAddress, Nat> nats = [];

    /// <summary>Every datagram sent, in order.</summary>
    public IReadOnlyList<WireDatagram> Sent
    {
        get
        {
            lock (gate)
            {
                return sent.ToList();
            }
        }
    }

    /// <summary>Datagrams sent to an address and port nobody binds.</summary>
    public int Undeliverable { get; private set; }

    /// <summary>Drops datagrams for which it returns true (lost on the wire).</summary>
    public Func<WireDatagram, bool>? Drop { get; set; }

    public VirtualBind Bind(DatagramEndpointKind kind, IPAddress address)
    {
        var port = kind switch
        {
            DatagramEndpointKind.Ike => IkePort,
            DatagramEndpointKind.NatTraversal => NatTraversalPort,
            _ => 0,
        };
        var bind = new VirtualBind(this, kind, new IPEndPoint(address, port));
        lock (gate)
        {
            binds.Add(bind);
        }

        return bind;
    }

    /// <summary>Raw ESP or AH datagrams a NAT dropped (it can only map UDP).</summary>
    public int DroppedByNat { get; private set; }

    /// <summary>
    /// Puts <paramref name="inside"/> behind a port-mapping NAT whose public address is
    /// <paramref name="outside"/>: its UDP leaves from the public address with a mapped port (from
    /// 40000 up), answers to a mapping come back to it, and raw ESP or AH does not pass.
    /// </summary>
    public void AddNat(IPAddress inside, IPAddress outside)
    {
        lock (gate)
        {
            nats[inside] = new Nat(inside, outside);
        }
    }

    /// <summary>Datagrams to <paramref name="host"/> wait until <see cref="Reconnect"/>.</summary>
    public void Isolate(IPAddress host)
    {
        lock (gate)
        {
            isolated.Add(host);
        }
    }

    /// <summary>Hands <paramref name="host"/> what waited for it, as if the link had only been slow.</summary>
    public void Reconnect(IPAddress host)
    {
        lock (gate)
        {
            isolated.Remove(host);
            foreach (var datagram in waiting.Where(d => d.Destination.Address.Equals(host)).ToList())
            {
                waiting.Remove(datagram);
                inFlight.Enqueue(datagram);
            }
        }
    }

    /// <summary>
    /// Moves up to <paramref name="limit"/> queued datagrams, oldest first, to the binds they are
    /// addressed to; returns how many moved. One at a time keeps the order a single path keeps:
    /// quick mode's third message is handled before the ESP the initiator sent after it.
    /// </summary>
    public int Deliver(int limit = int.MaxValue)
    {
        var moved = 0;
        while (moved < limit)
        {
            WireDatagram datagram;
            VirtualBind? target;
            lock (gate)
            {
                if (!inFlight.TryDequeue(out datagram!))
                {
                    return moved;
                }

                moved++;
                if (isolated.Contains(datagram.Destination.Address))
                {
                    waiting.Add(datagram);
                    continue;
                }

                if (Drop?.Invoke(datagram) == true)
                {
                    continue;
                }

                var destination = Inside(datagram.Kind, datagram.Destination);
                target = binds.FirstOrDefault(bind => !bind.IsDisposed && bind.Kind == datagram.Kind
                    && bind.LocalEndPoint.Address.Equals(destination.Address)
                    && bind.LocalEndPoint.Port == Port(datagram.Kind, destination));
                if (target is null)
                {
                    Undeliverable++;
                    continue;
                }
            }

            target.Deliver(target.ReceiveIncludesIpHeader ? WithIpv4Header(datagram) : datagram.Payload, datagram.Source);
        }

        return moved;
    }

    internal void Send(VirtualBind from, byte[] payload, IPEndPoint destination)
    {
        var source = from.LocalEndPoint;
        lock (gate)
        {
            if (nats.TryGetValue(source.Address, out var nat))
            {
                if (from.Kind is DatagramEndpointKind.Esp or DatagramEndpointKind.Ah)
                {
                    DroppedByNat++;
                    return;
                }

                source = nat.Outbound(source);
            }

            var datagram = new WireDatagram(from.Kind, source, new IPEndPoint(destination.Address, Port(from.Kind, destination)), payload);
            sent.Add(datagram);
            inFlight.Enqueue(datagram);
        }
    }

    /// <summary>Where a datagram to <paramref name="destination"/> ends up after the NATs it crosses.</summary>
    private IPEndPoint Inside(DatagramEndpointKind kind, IPEndPoint destination)
    {
        if (kind is DatagramEndpointKind.Esp or DatagramEndpointKind.Ah)
        {
            return destination;
        }

        foreach (var nat in nats.Values)
        {
            if (nat.TryInbound(destination, out var inside))
            {
                return inside;
            }
        }

        return destination;
    }

    /// <summary>A port-mapping NAT for one inside host: each inside port gets an outside port from 40000 up.</summary>
    private sealed class Nat(IPAddress inside, IPAddress outside)
    {
        private readonly Dictionary<int, int> outsidePorts = [];

        public IPEndPoint Outbound(IPEndPoint source)
        {
            if (!outsidePorts.TryGetValue(source.Port, out var mapped))
            {
                mapped = 40000 + outsidePorts.Count;
                outsidePorts[source.Port] = mapped;
            }

            return new IPEndPoint(outside, mapped);
        }

        public bool TryInbound(IPEndPoint destination, out IPEndPoint insideEndPoint)
        {
            var mapping = outsidePorts.FirstOrDefault(pair => pair.Value == destination.Port);
            insideEndPoint = destination.Address.Equals(outside) && mapping.Value != 0 ? new IPEndPoint(inside, mapping.Key) : destination;
            return !ReferenceEquals(insideEndPoint, destination);
        }
    }

    // Raw sockets have no ports: the port of an ESP or AH destination means nothing.
    private static int Port(DatagramEndpointKind kind, IPEndPoint destination) =>
        kind is DatagramEndpointKind.Esp or DatagramEndpointKind.Ah ? 0 : destination.Port;

    private static byte[] WithIpv4Header(WireDatagram datagram) =>
        IpPackets.WithIpHeader(datagram.Source.Address, datagram.Destination.Address, datagram.Kind == DatagramEndpointKind.Ah ? (byte)51 : (byte)50, datagram.Payload);
}
