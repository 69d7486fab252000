using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;
using Engine.Host.Ipsec;
using Engine.Ike;
using Engine.Ike.Configuration;
using Engine.Ike.Events;
using Engine.Ike.Network;
using IpSecPolicy.Model.Compiler;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>
/// One engine as <see cref="IpsecEnforcer"/> assembles it, minus Linux: the userspace data plane
/// on an in-memory TUN device and in-memory binds, the security policy table, the kernel adapter,
/// the negotiation outcomes, IKE with its audit sink, and the data plane's and IKE's events
/// handled on a <see cref="SerialWorkQueue"/>. The handlers mirror the enforcer's (acquire,
/// expiry, idle SA, NAT mapping, quick mode established or failed). Packet loops are driven by
/// the test (<see cref="Pump"/>), so the whole exchange runs on a fake clock.
/// </summary>
internal sealed class IpsecStack : IAsyncDisposable
{
    private readonly FakeTimeProvider clock;
    private readonly SerialWorkQueue queue;
    private readonly IkeSocket socket;
    private readonly OutboundPacketLoop outboundLoop;
    private readonly List<InboundPacketLoop> inboundLoops = [];
    private readonly List<VirtualBind> ikeBinds = [];
    private readonly ConcurrentQueue<Exception> errors = new();
    private readonly ConcurrentQueue<IkeEvent> ikeEvents = new();
    private readonly ConcurrentQueue<AcquireRequest> acquires = new();
    private int handled;
    private int conversationChanges;

    public IpsecStack(string name, VirtualNetwork network, FakeTimeProvider clock, IReadOnlyList<IPAddress> addresses,
        IkeEngineOptions? ikeOptions = null, DataPlaneOptions? dataPlaneOptions = null)
    {
        Name = name;
        Addresses = addresses;
        this.clock = clock;
        IkeOptions = ikeOptions ?? new IkeEngineOptions();
        queue = new SerialWorkQueue(errors.Enqueue);
        socket = new IkeSocket(NullLogger.Instance);
        var relay = new DataPlaneEventRelay(queue)
        {
            Acquire = request => Handle(() => OnAcquire(request)),
            Expired = expiry => Handle(() => OnExpired(expiry)),
            Idle = sa => Handle(() => OnIdle(sa)),
            NatMappingMoved = (sa, peer) => Handle(() => OnNatMappingMoved(sa, peer)),
        };
        DataPlane = new IpsecDataPlane(dataPlaneOptions ?? new DataPlaneOptions(), relay, socket, clock);
        Policies = new SecurityPolicyTable(DataPlane);
        Policies.ConversationsChanged += () => Interlocked.Increment(ref conversationChanges);
        Kernel = new DataPlaneKernel(DataPlane, Policies, TimeSpan.Zero);
        Outcomes = new NegotiationOutcomes(DataPlane, queue, clock, NullLogger.Instance);
        AuditSink = new IkeAuditSink(Audit, NullLogger.Instance);
        AuditSink.Observed += e =>
        {
            ikeEvents.Enqueue(e);
            queue.Post(() => Handle(() => OnIkeEvent(e)));
        };

        Tun = new MemoryTun($"{name}-tun");
        outboundLoop = DataPlane.CreateOutboundLoop(Tun);
        foreach (var address in addresses)
        {
            var ike = network.Bind(DatagramEndpointKind.Ike, address);
            ikeBinds.Add(ike);
            socket.AddNatTraversalBind(ike); // only registers it for sending: this test pumps its receives
            var natTraversal = network.Bind(DatagramEndpointKind.NatTraversal, address);
            inboundLoops.Add(DataPlane.CreateInboundLoop(natTraversal));
            socket.AddNatTraversalBind(natTraversal);
            inboundLoops.Add(DataPlane.CreateInboundLoop(network.Bind(DatagramEndpointKind.Esp, address)));
            inboundLoops.Add(DataPlane.CreateInboundLoop(network.Bind(DatagramEndpointKind.Ah, address)));
        }
    }

    public string Name { get; }

    public IReadOnlyList<IPAddress> Addresses { get; }

    public IPAddress Address => Addresses[0];

    public IkeEngineOptions IkeOptions { get; }

    public MemoryTun Tun { get; }

    public IpsecDataPlane DataPlane { get; }

    public SecurityPolicyTable Policies { get; }

    public DataPlaneKernel Kernel { get; }

    public NegotiationOutcomes Outcomes { get; }

    public IkeAuditSink AuditSink { get; }

    public RecordingAudit Audit { get; } = new();

    public IkeEngine? Ike { get; private set; }

    public IReadOnlyList<NegotiationTrap> Traps { get; private set; } = [];

    public IReadOnlyList<IkeEvent> IkeEvents => ikeEvents.ToList();

    public IReadOnlyList<AcquireRequest> Acquires => acquires.ToList();

    /// <summary>Exceptions the work queue caught (a handler failed): always empty in a good run.</summary>
    public IReadOnlyList<Exception> Errors => errors.ToList();

    /// <summary>How often the security policy table said the nftables rules must change.</summary>
    public int ConversationChanges => Volatile.Read(ref conversationChanges);

    /// <summary>Work items the queue ran, to tell the pump whether anything happened.</summary>
    public int Handled => Volatile.Read(ref handled);

    public DataPlaneStatistics Statistics => DataPlane.GetStatistics();

    public IReadOnlyList<T> Events<T>()
        where T : IkeEvent => IkeEvents.OfType<T>().ToList();

    /// <summary>Enforces a compiled policy as <see cref="IpsecEnforcer"/> does: traps from its negotiate filters, IKE from its translation.</summary>
    public void Apply(CompiledPolicy compiled, IReadOnlyDictionary<Guid, string> secrets)
    {
        var enforced = EnforcedPolicy.From(compiled, secrets);
        Traps = enforced.Traps;
        Policies.SetTraps(Traps);
        if (Ike is { } running)
        {
            running.UpdatePolicy(enforced.Ike);
        }
        else
        {
            Ike = new IkeEngine(IkeOptions, enforced.Ike, socket, Kernel, AuditSink, clock);
            socket.Engine = Ike;
        }
    }

    /// <summary>Runs this host's packet loops and hands IKE its UDP 500 datagrams; true if anything moved.</summary>
    public bool Pump()
    {
        var any = false;
        while (Tun.Pending > 0)
        {
            outboundLoop.ProcessNext();
            any = true;
        }

        foreach (var loop in inboundLoops)
        {
            while (((VirtualBind)loop.Bind).Pending > 0)
            {
                loop.ProcessNext();
                any = true;
            }
        }

        foreach (var bind in ikeBinds)
        {
            while (bind.TryTake(out var datagram, out var source))
            {
                Ike?.Receive(new IkeDatagram(datagram, bind.LocalEndPoint, source));
                any = true;
            }
        }

        return any;
    }

    /// <summary>Waits until the work queue ran everything queued so far; true if it ran anything.</summary>
    public bool Flush()
    {
        var before = Handled;
        queue.RunAsync(() => { }).Wait(TimeSpan.FromSeconds(30));
        return Handled != before;
    }

    public async ValueTask DisposeAsync()
    {
        Ike?.Dispose();
        await queue.DisposeAsync();
        DataPlane.Dispose();
    }

    public override string ToString() => Name;

    private void Handle(Action action)
    {
        Interlocked.Increment(ref handled);
        action();
    }

    // The handlers below are IpsecEnforcer's, on the same queue, without the logging.
    private void OnAcquire(AcquireRequest request)
    {
        acquires.Enqueue(request);
        if (Ike is not { } engine || Policies.TrapFor(request.Entry) is not { } trap)
        {
            return;
        }

        var local = trap.Policy.TunnelPeer is { } gateway ? Addresses.FirstOrDefault(a => a.AddressFamily == gateway.AddressFamily) : request.Source;
        var peer = trap.Policy.TunnelPeer ?? request.Destination;
        if (local is null || Outcomes.IsBlocked(local, peer))
        {
            return;
        }

        if (trap.Filter.FallbackToClear)
        {
            Outcomes.NegotiationStarted(local, peer, () => engine.GetQuickModeSas().Any(sa => sa.Remote.Address.Equals(peer)));
        }

        engine.Initiate(QuickModeRequest.ForPacket(trap.Policy, local, request.Source, request.Destination));
    }

    private void OnExpired(SaExpiry expiry)
    {
        if (Kernel.TryFind(expiry.Sa, out var sa))
        {
            Ike?.OnKernelSaExpired(sa.Id, expiry.Hard);
        }
    }

    private void OnIdle(SecurityAssociation idle)
    {
        if (!Kernel.TryFind(idle, out var sa))
        {
            return;
        }

        var cutoff = clock.GetUtcNow() - Kernel.IdleTimeout;
        if (Kernel.HandlesOf(sa.ChildSaId).All(handle => handle.Counters.Packets == 0 || handle.LastUsedAt <= cutoff))
        {
            Ike?.DeleteQuickModeSa(sa.ChildSaId);
        }
    }

    private void OnNatMappingMoved(SecurityAssociation moved, IPEndPoint peer)
    {
        if (Kernel.TryFind(moved, out var sa))
        {
            foreach (var handle in Kernel.HandlesOf(sa.ChildSaId))
            {
                DataPlane.UpdateSaPeer(handle, peer);
            }
        }
    }

    private void OnIkeEvent(IkeEvent ikeEvent)
    {
        switch (ikeEvent)
        {
            case QuickModeEstablishedEvent established:
                Outcomes.Secured(established.Local.Address, established.Remote.Address);
                break;
            case NegotiationFailedEvent failed:
                Outcomes.Failed(failed.Local.Address, failed.Remote.Address, failed.Reason == NegotiationFailureReason.NoResponse);
                break;
        }
    }
}
