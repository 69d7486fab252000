using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using Engine.Ike;
using Engine.Ike.Events;
using Engine.Ike.Network;
using Engine.Ike.Selectors;
using Engine.L2tp.Ppp;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// One remote-access client: its own IkeEngine (its own main mode, as every real client has), then
/// an L2TP tunnel and call through its SA, then PPP (LCP, authentication, IPCP). Records when each
/// layer came up, or why the session failed; once up it stays idle (LCP echoes only).
/// </summary>
internal sealed class LoadSession : IIkeEventSink
{
    private const int Waiting = 0;
    private const int Starting = 1;
    private const int Up = 2;
    private const int Failed = 3;
    private const int Dropped = 4;

    private readonly LoadRun run;
    private IkeEngine? ike;
    private int state = Waiting;
    private long startedTicks;
    private long ipsecTicks;
    private long l2tpTicks;
    private long pppTicks;

    public LoadSession(LoadRun run, int index, uint address)
    {
        this.run = run;
        Index = index;
        AddressNumber = address;
        Address = Ipv4Packets.Address(address);
    }

    public int Index { get; }

    /// <summary>The data plane's reqid and the L2TP peer key's SA identity: the index plus one (0 is no reqid).</summary>
    public int ReqId => Index + 1;

    public IPAddress Address { get; }

    public uint AddressNumber { get; }

    public PppSession? Ppp { get; set; }

    public IPAddress? AssignedAddress { get; private set; }

    public string? Failure { get; private set; }

    public bool IsUp => Volatile.Read(ref state) == Up;

    public bool IsFailed => Volatile.Read(ref state) == Failed;

    public bool IsDropped => Volatile.Read(ref state) == Dropped;

    public bool IsStarting => Volatile.Read(ref state) == Starting;

    public long StartedTicks => startedTicks;

    public long CompletedTicks => pppTicks;

    /// <summary>Milliseconds from start to the quick mode's 541, to the L2TP call, to IPCP open; NaN for a phase not reached.</summary>
    public (double Ipsec, double L2tp, double Ppp, double Total) Phases => (
        Milliseconds(startedTicks, ipsecTicks),
        ipsecTicks == 0 ? double.NaN : Milliseconds(ipsecTicks, l2tpTicks),
        l2tpTicks == 0 ? double.NaN : Milliseconds(l2tpTicks, pppTicks),
        Milliseconds(startedTicks, pppTicks));

    public void Start()
    {
        Volatile.Write(ref state, Starting);
        startedTicks = Stopwatch.GetTimestamp();
        var child = run.ChildPolicy;
        var engine = new IkeEngine(run.IkeOptions, run.IkePolicy, run.IkeSocket, run.Kernel, this, TimeProvider.System);
        Volatile.Write(ref ike, engine);
        engine.Initiate(new QuickModeRequest(child, Address, run.Gateway,
            TrafficSelector.ForHost(Address, Ipv4Packets.UdpProtocol, ClientL2tp.Port),
            TrafficSelector.ForHost(run.Gateway, Ipv4Packets.UdpProtocol, ClientL2tp.Port)));
    }

    public void ReceiveIke(IkeDatagram datagram) => Volatile.Read(ref ike)?.Receive(datagram);

    /// <summary>Called with the engine's lock held: the L2TP tunnel is opened on the thread pool, outside it.</summary>
    public void Publish(IkeEvent ikeEvent)
    {
        switch (ikeEvent)
        {
            case QuickModeEstablishedEvent { IsInitiator: true } when ipsecTicks == 0:
                ipsecTicks = Stopwatch.GetTimestamp();
                ThreadPool.UnsafeQueueUserWorkItem(static session => session.run.L2tp.Open(session), this, preferLocal: false);
                break;
            case NegotiationFailedEvent failed:
                End($"IKE {failed.Mode}: {failed.Reason}");
                break;
            case QuickModeEndedEvent ended:
                End($"IKE quick mode ended: {ended.Reason}");
                break;
        }
    }

    public void L2tpCallUp() => l2tpTicks = Stopwatch.GetTimestamp();

    public void PppOpened(IPAddress assigned)
    {
        AssignedAddress = assigned;
        pppTicks = Stopwatch.GetTimestamp();
        if (Interlocked.CompareExchange(ref state, Up, Starting) == Starting)
        {
            run.Finished(this);
        }
    }

    /// <summary>The session will not come up (or went down): a failure while starting, a drop once up.</summary>
    public void End(string reason)
    {
        if (Interlocked.CompareExchange(ref state, Failed, Starting) == Starting)
        {
            Failure = $"{reason} ({Stage})";
            run.Finished(this);
        }
        else if (Interlocked.CompareExchange(ref state, Dropped, Up) == Up)
        {
            Failure = reason;
            run.Dropped(this);
        }
    }

    /// <summary>Gave up waiting for it: counted as a failure in the stage it had reached.</summary>
    public void TimedOut() => End("setup timeout");

    private string Stage => ipsecTicks == 0 ? "in IKE" : l2tpTicks == 0 ? "in L2TP" : "in PPP";

    private static double Milliseconds(long from, long to) => to == 0 || from == 0 ? double.NaN : Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
