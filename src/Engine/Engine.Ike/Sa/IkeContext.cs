using System.Net;
using System.Security.Cryptography;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Network;
using Engine.Ike.Scheduling;
using Engine.Ike.Statistics;
using Engine.Ike.Trace;

namespace Engine.Ike.Sa;

/// <summary>
/// The engine's services as the SAs and tasks see them (strongSwan's charon/lib globals, passed
/// explicitly): options, the current policy, the socket, the kernel interface, the scheduler, the
/// event sink, the trace, and the SA tables. Used only with the engine's lock held.
/// </summary>
internal sealed class IkeContext
{
    private readonly IIkeEventSink events;
    private ulong lastChildSaId;

    public IkeContext(IkeEngineOptions options, IkePolicy policy, IIkeDatagramTransport transport, IKernelIpsec kernel, IIkeEventSink events, JobScheduler scheduler, IkeTracer tracer)
    {
        Options = options;
        Policy = policy;
        Transport = transport;
        Kernel = kernel;
        this.events = events;
        Scheduler = scheduler;
        Tracer = tracer;
    }

    public IkeEngineOptions Options { get; }

    /// <summary>The engine's lock; tasks run their Diffie-Hellman computations through <see cref="EngineGate.OutsideLock"/>.</summary>
    public EngineGate Gate { get; init; } = new();

    public IkePolicy Policy { get; set; }

    public IIkeDatagramTransport Transport { get; }

    public IKernelIpsec Kernel { get; }

    public JobScheduler Scheduler { get; }

    public IkeTracer Tracer { get; }

    public IkeSaTable IkeSas { get; } = new();

    public ChildSaTable ChildSas { get; } = new();

    /// <summary>The IP Security Monitor's main mode counters (IkeEngine.GetStatistics).</summary>
    public IkeCounters Statistics { get; init; } = new();

    public DateTimeOffset Now => Scheduler.Now;

    /// <summary>Set by the engine: a child SA reached its soft lifetime and wants a successor.</summary>
    public Action<ChildSa>? ChildSoftExpired { get; set; }

    /// <summary>Set by the engine: an ISAKMP SA we started reached its soft lifetime.</summary>
    public Action<IkeSa>? IkeSaSoftExpired { get; set; }

    /// <summary>Set by the engine: an ISAKMP SA finished main mode (queued quick modes, replaced SAs).</summary>
    public Action<IkeSa>? OnIkeSaEstablished { get; set; }

    public ulong NextChildSaId() => ++lastChildSaId;

    public void Publish(IkeEvent ikeEvent)
    {
        Statistics.Observe(ikeEvent);
        events.Publish(ikeEvent);
    }

    public static byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);

    /// <summary>Sends an IKE message; on the NAT-T port it gets the non-ESP marker (RFC 3948 section 2.2).</summary>
    public void Send(ReadOnlySpan<byte> message, IPEndPoint local, IPEndPoint remote)
    {
        var payload = local.Port == Options.NatTraversal.NatTraversalPort
            ? NatTraversalFraming.AddNonEspMarker(message)
            : message.ToArray();
        Transport.Send(new IkeDatagram(payload, local, remote));
    }

    /// <summary>An established ISAKMP SA with this peer that is not going away, newest first.</summary>
    public IkeSa? FindEstablished(IPAddress peer)
    {
        var candidates = IkeSas.WithPeer(peer);
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            if (candidates[i].State == IkeSaState.Established)
            {
                return candidates[i];
            }
        }

        return null;
    }

    public ChildSa[] ChildSasOf(IPAddress peer) => ChildSas.WithPeer(peer).ToArray();
}
