using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Buffers;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Sad;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// The userspace IPsec data plane: what a kernel's XFRM or strongSwan's kernel-libipsec is to an
/// IKE daemon. The host's kernel-interface adapter installs finished SAs and policy entries here
/// and receives acquires and expiries back; the data plane moves packets between the TUN device
/// (cleartext the host routed to it; decrypted traffic back) and the binds (ESP, AH, UDP 4500).
/// </summary>
/// <remarks>
/// Control methods are thread-safe and may be called from event handlers. Packet work runs on
/// one thread per attached device or bind. Disposing stops the threads, disposes the attached
/// devices and binds (which it owns from attachment on) and wipes every SA's keys.
/// </remarks>
public sealed class IpsecDataPlane : IDisposable
{
    private readonly DataPlaneOptions options;
    private readonly TimeProvider time;
    private readonly SecurityAssociationDatabase database;
    private readonly SecurityPolicyDatabase policies = new();
    private readonly BindRegistry binds = new();
    private readonly SaLifecycle lifecycle;
    private readonly AcquireThrottle throttle;
    private readonly PacketBufferPool pool;
    private readonly ControlWorker control = new();
    private readonly WorkerSlots workers;
    private readonly OutboundProcessor outbound;
    private readonly InboundProcessor inbound;
    private readonly Housekeeping housekeeping;
    private readonly Lock gate = new();
    private readonly List<IDisposable> ownedDevices = [];
    private readonly List<PacketLoopThread> threads = [];
    private Exception? lastInternalError;
    private bool disposed;

    /// <param name="options">Sizes and intervals; defaults when null.</param>
    /// <param name="events">Acquires, expiries, idle SAs and NAT mapping changes go here; nowhere when null.</param>
    /// <param name="ikeReceiver">IKE messages arriving on UDP 4500 go here; they are dropped when null.</param>
    /// <param name="timeProvider">The clock for lifetimes, idle time and timers; the system's when null.</param>
    public IpsecDataPlane(DataPlaneOptions? options = null, IDataPlaneEvents? events = null, IIkeDatagramReceiver? ikeReceiver = null,
        TimeProvider? timeProvider = null)
    {
        this.options = options ?? new DataPlaneOptions();
        this.options.Validate();
        time = timeProvider ?? TimeProvider.System;
        var sink = events ?? NullDataPlaneEvents.Instance;
        database = new SecurityAssociationDatabase(this.options.MaximumHeldPacketsPerPolicy);
        lifecycle = new SaLifecycle(database, sink);
        throttle = new AcquireThrottle(time, this.options.AcquireRetryInterval);
        workers = new WorkerSlots(this.options.MaximumPacketLoops, control);
        pool = new PacketBufferPool(new PacketBufferLayout(this.options.MaximumPacketSize),
            this.options.MaximumPacketLoops * this.options.BatchSize + this.options.MaximumHeldPackets);
        outbound = new OutboundProcessor(policies, binds, lifecycle, sink, throttle, pool, time);
        inbound = new InboundProcessor(database, lifecycle, sink, ikeReceiver, time);
        housekeeping = new Housekeeping(database, lifecycle, sink, outbound, control, this.options, time, RecordInternalError);
    }

    /// <summary>The last exception a packet loop or the housekeeping timer caught (a bug to report), or null.</summary>
    public Exception? LastInternalError => Volatile.Read(ref lastInternalError);

    /// <summary>
    /// Installs an SA. An outbound SA becomes the current one of its reqid at once, and packets
    /// held for that reqid are sent through it before this returns.
    /// </summary>
    /// <returns>The host's handle: delete it, update it, read its counters.</returns>
    /// <exception cref="ArgumentException">The specification is inconsistent (keys, algorithms, ports, selectors).</exception>
    /// <exception cref="InvalidOperationException">An inbound SA with the same SPI and protocol is installed.</exception>
    public SecurityAssociation AddSa(SaSpecification specification)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var sa = new SecurityAssociation(specification, workers.SlotCount, options.SequenceNumberRekeyMargin, time);
        OutboundSaBinding? binding;
        try
        {
            binding = lifecycle.Add(sa);
        }
        catch
        {
            sa.Crypto.Dispose();
            throw;
        }

        if (binding is not null)
        {
            lock (control.Gate)
            {
                outbound.ReleaseHeld(control.Worker, binding);
            }
        }

        return sa;
    }

    /// <summary>
    /// Takes packets from the TUN device before the policy lookup (the VPN gateway's clients);
    /// null (the default) leaves every packet to the policy.
    /// </summary>
    public IOutboundPacketSink? OutboundSink
    {
        get => outbound.Sink;
        set => outbound.Sink = value;
    }

    /// <summary>
    /// Seals <paramref name="packet"/> (from its IP header on) with the current outbound SA of
    /// <paramref name="reqId"/> and sends it, bypassing the policy lookup; false when that reqid has
    /// no usable SA or the packet cannot be sealed. Thread-safe; serialised with the other control
    /// sends (held packets, keepalives).
    /// </summary>
    public bool SendThrough(int reqId, ReadOnlySpan<byte> packet)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        lock (control.Gate)
        {
            return outbound.SendThrough(control.Worker, database.Binding(reqId), packet);
        }
    }

    /// <summary>
    /// Re-runs the SPD lookup for the packets held under <paramref name="reqId"/> (a trap entry)
    /// and sends those that another entry's SA now covers; the rest stay held.
    /// </summary>
    public void ReleaseHeldPackets(int reqId)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        lock (control.Gate)
        {
            outbound.ReclassifyHeld(control.Worker, database.Binding(reqId));
        }
    }

    /// <summary>Removes an SA and wipes its keys; packets in flight through it finish first. False when it was not installed.</summary>
    public bool DeleteSa(SecurityAssociation sa)
    {
        ArgumentNullException.ThrowIfNull(sa);
        return lifecycle.Delete(sa);
    }

    /// <summary>New lifetimes for an installed SA (for instance after a RESPONDER-LIFETIME notification); they count from when it was added.</summary>
    public void UpdateSaLifetimes(SecurityAssociation sa, SaLifetime soft, SaLifetime hard)
    {
        ArgumentNullException.ThrowIfNull(sa);
        sa.UpdateLifetimes(soft, hard);
    }

    /// <summary>Moves an SA to a new peer address and port (after <see cref="IDataPlaneEvents.NatMappingChanged"/>).</summary>
    public void UpdateSaPeer(SecurityAssociation sa, IPEndPoint peer)
    {
        ArgumentNullException.ThrowIfNull(sa);
        ArgumentNullException.ThrowIfNull(peer);
        sa.UpdatePeer(peer);
    }

    /// <summary>The installed inbound SA with this SPI, or null.</summary>
    public SecurityAssociation? FindInboundSa(IpsecProtocol protocol, uint spi) => database.FindInbound(spi, protocol);

    /// <summary>Every installed SA (a snapshot), for Get-IpSecQuickModeSA and the like.</summary>
    public IReadOnlyList<SecurityAssociation> GetSas() => database.All;

    /// <summary>Installs an outbound policy entry, replacing one with the same id.</summary>
    public void AddPolicy(SpdEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(entry.Selector);
        ObjectDisposedException.ThrowIf(disposed, this);
        policies.Add(entry, database.Binding(entry.ReqId));
        throttle.Forget(entry.Id);
    }

    /// <summary>Removes a policy entry; false when there was none with this id.</summary>
    public bool RemovePolicy(int id)
    {
        var removed = policies.Remove(id);
        if (removed is null)
        {
            return false;
        }

        throttle.Forget(id);
        if (!policies.Entries.Any(state => state.Binding == removed.Binding))
        {
            var held = new List<HeldPacket>();
            removed.Binding.Held.TakeAll(held);
            lock (control.Gate)
            {
                outbound.DropHeld(control.Worker, held);
            }
        }

        return true;
    }

    /// <summary>The installed policy entries in lookup order.</summary>
    public IReadOnlyList<SpdEntry> GetPolicies() => policies.Entries.Select(state => state.Entry).ToArray();

    /// <summary>
    /// Takes a TUN device (or one queue of a multi-queue device) and starts its reader thread.
    /// The first device attached is also where decrypted packets are written.
    /// </summary>
    public void AttachTun(ITunDevice device)
    {
        var loop = CreateOutboundLoop(device);
        Start($"ipsec-out {device.Name}", loop.ProcessNext, loop.Worker, loop.ReleaseBatches);
    }

    /// <summary>Takes a raw ESP, raw AH or UDP 4500 bind, sends through it, and starts its receive thread.</summary>
    public void AttachBind(IDatagramBind bind)
    {
        var loop = CreateInboundLoop(bind);
        Start($"ipsec-in {bind.Kind} {bind.LocalEndPoint}", loop.ProcessNext, loop.Worker, loop.ReleaseBatches);
    }

    /// <summary>Like <see cref="AttachTun"/> without the thread: the caller drives the loop (tests, benchmarks).</summary>
    public OutboundPacketLoop CreateOutboundLoop(ITunDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Mtu > options.MaximumPacketSize)
        {
            throw new ArgumentException($"The device's MTU {device.Mtu} exceeds DataPlaneOptions.MaximumPacketSize {options.MaximumPacketSize}.", nameof(device));
        }

        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var (worker, buffers) = RentWorker(device.BatchSize);
            ownedDevices.Add(device);
            inbound.DeliveryDevice ??= device;
            return new OutboundPacketLoop(device, outbound, worker, buffers, options.MaximumPacketSize, ReleaseLoop);
        }
    }

    /// <summary>Like <see cref="AttachBind"/> without the thread: the caller drives the loop (tests, benchmarks).</summary>
    public InboundPacketLoop CreateInboundLoop(IDatagramBind bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        if (bind.Kind == DatagramEndpointKind.Ike)
        {
            throw new ArgumentException("UDP 500 carries IKE only; it belongs to the IKE side, not the data plane.", nameof(bind));
        }

        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var (worker, buffers) = RentWorker(bind.BatchSize);
            var registered = binds.Register(bind);
            ownedDevices.Add(bind);
            return new InboundPacketLoop(registered, inbound, worker, buffers, options.MaximumPacketSize, ReleaseLoop);
        }
    }

    /// <summary>The counters since start, summed over every packet loop.</summary>
    public DataPlaneStatistics GetStatistics()
    {
        var sas = database.All;
        return new DataPlaneStatistics(
            workers.SumCounters(),
            sas.Length,
            sas.Count(sa => sa.Direction == SaDirection.Outbound && sa.Mode == IpsecMode.Tunnel),
            lifecycle.Additions,
            lifecycle.Deletions);
    }

    public void Dispose()
    {
        PacketLoopThread[] running;
        IDisposable[] devices;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            running = [.. threads];
            devices = [.. ownedDevices];
        }

        housekeeping.Dispose();
        foreach (var device in devices)
        {
            device.Dispose();
        }

        foreach (var thread in running)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        foreach (var sa in database.All)
        {
            lifecycle.Delete(sa);
        }

        var held = new List<HeldPacket>();
        foreach (var binding in database.Bindings())
        {
            binding.Held.TakeAll(held);
        }

        lock (control.Gate)
        {
            outbound.DropHeld(control.Worker, held);
        }
    }

    /// <summary>A worker slot and one buffer per packet of the loop's batch: the smaller of the options' and the device's.</summary>
    private (PacketWorker Worker, byte[][] Buffers) RentWorker(int deviceBatchSize)
    {
        var worker = workers.Rent();
        var buffers = new byte[Math.Clamp(deviceBatchSize, 1, options.BatchSize)][];
        for (int i = 0; i < buffers.Length; i++)
        {
            if (!pool.TryRent(out buffers[i]))
            {
                for (int j = 0; j < i; j++)
                {
                    pool.Return(buffers[j]);
                }

                workers.Return(worker);
                throw new InvalidOperationException("No packet buffer is left for another loop.");
            }
        }

        return (worker, buffers);
    }

    private void ReleaseLoop(OutboundPacketLoop loop)
    {
        workers.Return(loop.Worker);
        foreach (var buffer in loop.Buffers)
        {
            pool.Return(buffer);
        }
    }

    private void ReleaseLoop(InboundPacketLoop loop)
    {
        workers.Return(loop.Worker);
        foreach (var buffer in loop.Buffers)
        {
            pool.Return(buffer);
        }
    }

    private void Start(string name, Action processNext, PacketWorker worker, Action stopped)
    {
        var thread = new PacketLoopThread(name, processNext, worker.Counters, RecordInternalError, stopped);
        lock (gate)
        {
            threads.Add(thread);
        }

        thread.Start();
    }

    private void RecordInternalError(Exception exception) => Volatile.Write(ref lastInternalError, exception);
}
