using System.Collections.Concurrent;
using System.Net;
using Engine.DataPlane.Abstractions;

namespace Engine.DataPlane.Tests.Support;

/// <summary>
/// Connects fake binds: a datagram sent to an address arrives at the bind of the same kind there
/// (and the same port for UDP), with an IPv4 header added for raw IPv4 receivers as the kernel
/// does. Optionally a NAT rewrites the source of one host's UDP datagrams (and the destination of
/// replies), and an interceptor may change or drop datagrams in transit.
/// </summary>
public sealed class FakeNetwork
{
    private readonly List<FakeDatagramBind> binds = [];
    private readonly ConcurrentDictionary<IPEndPoint, IPEndPoint> outsideByInside = new();

    /// <summary>Called for every datagram in transit; return null to drop it, or the bytes to deliver.</summary>
    public Func<byte[], byte[]?>? Interceptor { get; set; }

    /// <summary>Datagrams sent to an address or port nobody binds.</summary>
    public int Undeliverable { get; private set; }

    public FakeDatagramBind Bind(DatagramEndpointKind kind, IPAddress address, int port = 0)
    {
        var bind = new FakeDatagramBind(this, kind, new IPEndPoint(address, kind == DatagramEndpointKind.NatTraversal ? port : 0));
        lock (binds)
        {
            binds.Add(bind);
        }

        return bind;
    }

    /// <summary>UDP from <paramref name="inside"/> leaves as <paramref name="outside"/>; UDP to <paramref name="outside"/> goes to <paramref name="inside"/>.</summary>
    public void Nat(IPEndPoint inside, IPEndPoint outside) => outsideByInside[inside] = outside;

    internal void Route(FakeDatagramBind from, byte[] payload, IPEndPoint destination)
    {
        var source = from.LocalEndPoint;
        if (from.Kind == DatagramEndpointKind.NatTraversal)
        {
            if (outsideByInside.TryGetValue(source, out var translated))
            {
                source = translated;
            }

            var inside = outsideByInside.FirstOrDefault(pair => pair.Value.Equals(destination)).Key;
            if (inside is not null)
            {
                destination = inside;
            }
        }

        if (Interceptor is { } intercept)
        {
            var changed = intercept(payload);
            if (changed is null)
            {
                return;
            }

            payload = changed;
        }

        FakeDatagramBind? target;
        lock (binds)
        {
            target = binds.FirstOrDefault(bind => bind.Kind == from.Kind
                && bind.LocalEndPoint.Address.Equals(destination.Address)
                && (from.Kind != DatagramEndpointKind.NatTraversal || bind.LocalEndPoint.Port == destination.Port));
        }

        if (target is null)
        {
            Undeliverable++;
            return;
        }

        target.Deliver(target.ReceiveIncludesIpHeader ? WithIpv4Header(from.Kind, source.Address, destination.Address, payload) : payload, source);
    }

    private static byte[] WithIpv4Header(DatagramEndpointKind kind, IPAddress source, IPAddress destination, byte[] payload)
    {
        var datagram = new byte[20 + payload.Length];
        OuterHeaders.WriteIp(datagram, source, destination, kind == DatagramEndpointKind.Ah ? (byte)51 : (byte)50, payload.Length);
        payload.CopyTo(datagram, 20);
        return datagram;
    }
}
