using System.Threading;
using Engine.Ike.Events;

namespace Engine.Ike.Statistics;

/// <summary>
/// The counters behind <see cref="IkeStatistics"/>, counted where the events happen. Most are
/// counted with the engine's lock held; the socket's failures are reported from the host's I/O
/// threads, so every counter is incremented with Interlocked and read the same way.
/// </summary>
internal sealed class IkeCounters
{
    private long acquires;
    private long acquireFailures;
    private long receives;
    private long receiveFailures;
    private long sendFailures;
    private long authenticationFailures;
    private long negotiationFailures;
    private long invalidCookies;
    private long invalidPackets;
    private long mainModes;
    private long quickModes;
    private long softSas;
    private long rekeys;

    public void CountAcquire() => Interlocked.Increment(ref acquires);

    public void CountAcquireFailure() => Interlocked.Increment(ref acquireFailures);

    public void CountReceive() => Interlocked.Increment(ref receives);

    public void CountReceiveFailure() => Interlocked.Increment(ref receiveFailures);

    public void CountSendFailure() => Interlocked.Increment(ref sendFailures);

    public void CountInvalidCookie() => Interlocked.Increment(ref invalidCookies);

    public void CountInvalidPacket() => Interlocked.Increment(ref invalidPackets);

    public void CountSoftSa() => Interlocked.Increment(ref softSas);

    public void CountRekey() => Interlocked.Increment(ref rekeys);

    /// <summary>Counts what an event says happened: an SA established, a negotiation failed (547) and why.</summary>
    public void Observe(IkeEvent ikeEvent)
    {
        switch (ikeEvent)
        {
            case MainModeEstablishedEvent:
                Interlocked.Increment(ref mainModes);
                break;
            case QuickModeEstablishedEvent:
                Interlocked.Increment(ref quickModes);
                break;
            case NegotiationFailedEvent failed:
                Interlocked.Increment(ref negotiationFailures);
                if (failed.Reason == NegotiationFailureReason.AuthenticationFailed)
                {
                    Interlocked.Increment(ref authenticationFailures);
                }

                break;
        }
    }

    public IkeStatistics Snapshot(int activeAcquire, int activeReceive) => new()
    {
        ActiveAcquire = activeAcquire,
        ActiveReceive = activeReceive,
        AcquireFailures = Interlocked.Read(ref acquireFailures),
        ReceiveFailures = Interlocked.Read(ref receiveFailures),
        SendFailures = Interlocked.Read(ref sendFailures),
        AuthenticationFailures = Interlocked.Read(ref authenticationFailures),
        NegotiationFailures = Interlocked.Read(ref negotiationFailures),
        InvalidCookiesReceived = Interlocked.Read(ref invalidCookies),
        TotalAcquire = Interlocked.Read(ref acquires),
        TotalReceive = Interlocked.Read(ref receives),
        MainModeSas = Interlocked.Read(ref mainModes),
        QuickModeSas = Interlocked.Read(ref quickModes),
        SoftSas = Interlocked.Read(ref softSas),
        InvalidPacketsReceived = Interlocked.Read(ref invalidPackets),
        QuickModeRekeys = Interlocked.Read(ref rekeys),
    };
}
