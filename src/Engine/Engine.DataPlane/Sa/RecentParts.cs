using System;
using System.Net;
using System.Threading;

namespace Engine.DataPlane.Sa;

/// <summary>
/// Reuses the immutable parts of recently added SAs when a new one has equal parts: the two SAs of
/// one child SA have the same peer and lifetimes, and a gateway's SAs all have the same local end
/// point. (The host shares selectors itself: Engine.Host's KernelSaTranslator.) Memory per VPN
/// session (a few hundred bytes of a 10,000-session gateway's), for a hash and an equality check per
/// SA added.
/// </summary>
/// <remarks>
/// A responder installs a child SA's inbound SA before quick mode 2 and its outbound SA after quick
/// mode 3, with other peers' SAs in between, so each part has a small direct-mapped cache (slot by
/// hash, the newest wins) rather than one "last" slot. Slots are read and replaced without a lock:
/// two adds at the same time may miss each other's part and build their own, which costs only the
/// memory this saves. Only immutable objects are shared (<see cref="SaPeer"/>, <see cref="SaLifetimes"/>,
/// and the local <see cref="IPEndPoint"/>, which the data plane never
/// changes); a cache keeps at most its slot count of them alive.
/// </remarks>
internal static class RecentParts
{
    private const int Slots = 256;

    private static readonly SaPeer?[] Peers = new SaPeer?[Slots];
    private static readonly SaLifetimes?[] LifetimeSlots = new SaLifetimes?[Slots];
    private static IPEndPoint? localEndPoint;

    public static IPEndPoint LocalEndPoint(IPAddress address, int port)
    {
        var last = Volatile.Read(ref localEndPoint);
        if (last is not null && last.Port == port && last.Address.Equals(address))
        {
            return last;
        }

        var made = new IPEndPoint(address, port);
        Volatile.Write(ref localEndPoint, made);
        return made;
    }

    public static SaPeer Peer(IPAddress address, int port)
    {
        ref var slot = ref Peers[Slot(HashCode.Combine(address, port))];
        var last = Volatile.Read(ref slot);
        if (last is not null && last.Port == port && last.EndPoint.Address.Equals(address))
        {
            return last;
        }

        var made = new SaPeer(address, port);
        Volatile.Write(ref slot, made);
        return made;
    }

    public static SaLifetimes Lifetimes(SaLifetime soft, SaLifetime hard)
    {
        ref var slot = ref LifetimeSlots[Slot(HashCode.Combine(soft, hard))];
        var last = Volatile.Read(ref slot);
        if (last is not null && last.Soft.Equals(soft) && last.Hard.Equals(hard))
        {
            return last;
        }

        var made = new SaLifetimes(soft, hard);
        Volatile.Write(ref slot, made);
        return made;
    }

    private static int Slot(int hash) => (int)((uint)hash * 2654435769u >> 24);
}
