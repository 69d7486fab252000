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
/// handled on a <see cref="SerialWorkQueue"/> by the enforcer's own <see cref="IpsecEventHandlers"/>. Packet loops are driven by
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
        var relay = new DataPlaneEventRelay(queue);
        DataPlane = new IpsecDataPlane(dataPlaneOptions ?? new DataPlaneOptions(), relay, socket, clock);
        Policies = new SecurityPolicyTable(DataPlane);
        Policies.ConversationsChanged += () => Interlocked.Increment(ref conversationChanges);
        Kernel = new DataPlaneKernel(DataPlane, Policies, TimeSpan.Zero);
        Outcomes = new NegotiationOutcomes(DataPlane, queue, clock, NullLogger.Instance);
        AuditSink = new IkeAuditSink(Audit, NullLogger.Instance);

        // IpsecEnforcer's own handlers, on the same queue; the stack only records and counts around them.
        var handlers = new IpsecEventHandlers(() => Ike, DataPlane, Policies, Kernel, Outcomes,
            peer => Addresses.FirstOrDefault(a => a.AddressFamily == peer.AddressFamily), clock, NullLogger.Instance);
        handlers.Attach(relay, AuditSink, queue);
        var acquire = relay.Acquire!;
        relay.Acquire = request => Handle(() =>
        {
            acquires.Enqueue(request);
            acquire(request);
        });
        var expired = relay.Expired!;
        relay.Expired = expiry => Handle(() => expired(expiry));
        var idle = relay.Idle!;
        relay.Idle = sa => Handle(() => idle(sa));
        var moved = relay.NatMappingMoved!;
        relay.NatMappingMoved = (sa, peer) => Handle(() => moved(sa, peer));
        AuditSink.Observed += e =>
        {
            ikeEvents.Enqueue(e);
            queue.Post(() => Handle(() => { }));
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
}
