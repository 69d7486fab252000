using Engine.L2tp.Ppp;
using Microsoft.Extensions.Time.Testing;

namespace Engine.L2tp.Tests.Ppp.Support;

/// <summary>
/// A client and a server session joined by an in-memory link on one fake clock. Frames queue and
/// are delivered by <see cref="Pump"/> (never synchronously from a send), so each session sees
/// the other's frames in order, as over L2TP. A drop rule models loss; every frame is recorded.
/// Sends may come from several threads (the data path); delivery happens on the pumping thread.
/// </summary>
public sealed class PppLink : IDisposable
{
    private readonly Queue<(bool FromClient, byte[] Bytes)> inFlight = new();

    public PppLink(PppSessionOptions serverOptions, PppSessionOptions clientOptions, FakeTimeProvider time)
    {
        Time = time;
        Server = new PppSession(serverOptions, frame => Enqueue(false, frame), packet => ServerReceived.Add(packet.ToArray()));
        Client = new PppSession(clientOptions, frame => Enqueue(true, frame), packet => ClientReceived.Add(packet.ToArray()));
        Server.Opened += (_, e) => ServerOpened.Add(e);
        Client.Opened += (_, e) => ClientOpened.Add(e);
        Server.Closed += (_, e) => ServerClosed.Add(e);
        Client.Closed += (_, e) => ClientClosed.Add(e);
        Server.AuthenticationFailed += (_, e) => ServerAuthenticationFailures.Add(e);
        Client.AuthenticationFailed += (_, e) => ClientAuthenticationFailures.Add(e);
    }

    public FakeTimeProvider Time { get; }

    public PppSession Server { get; }

    public PppSession Client { get; }

    public List<FrameRecord> Frames { get; } = [];

    public List<byte[]> ServerReceived { get; } = [];

    public List<byte[]> ClientReceived { get; } = [];

    public List<PppSessionOpenedEventArgs> ServerOpened { get; } = [];

    public List<PppSessionOpenedEventArgs> ClientOpened { get; } = [];

    public List<PppSessionClosedEventArgs> ServerClosed { get; } = [];

    public List<PppSessionClosedEventArgs> ClientClosed { get; } = [];

    public List<PppAuthenticationFailedEventArgs> ServerAuthenticationFailures { get; } = [];

    public List<PppAuthenticationFailedEventArgs> ClientAuthenticationFailures { get; } = [];

    /// <summary>Frames for which this returns true are lost.</summary>
    public Func<FrameRecord, bool> Drop { get; set; } = _ => false;

    /// <summary>Rewrites a frame in flight (a misbehaving peer); returns the bytes to deliver.</summary>
    public Func<FrameRecord, byte[]> Rewrite { get; set; } = frame => frame.Bytes;

    /// <summary>When false the link is cut: everything is lost.</summary>
    public bool Connected { get; set; } = true;

    public IEnumerable<FrameRecord> Delivered => Frames.Where(frame => !frame.Dropped);

    public void Start()
    {
        Server.Start();
        Client.Start();
        Pump();
    }

    /// <summary>Delivers queued frames until none are left.</summary>
    public void Pump()
    {
        for (var guard = 0; inFlight.Count > 0; guard++)
        {
            if (guard > 10_000)
            {
                throw new InvalidOperationException("The sessions keep talking: a negotiation loop.");
            }

            (bool FromClient, byte[] Bytes) next;
            lock (inFlight)
            {
                next = inFlight.Dequeue();
            }

            (next.FromClient ? Server : Client).Receive(next.Bytes);
        }
    }

    /// <summary>Advances the clock in steps, pumping after each, so timers and answers interleave.</summary>
    public void Run(TimeSpan duration, TimeSpan? step = null)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(500);
        var end = Time.GetUtcNow() + duration;
        Pump();
        while (Time.GetUtcNow() < end)
        {
            var remaining = end - Time.GetUtcNow();
            Time.Advance(remaining < increment ? remaining : increment);
            Pump();
        }
    }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
    }

    private void Enqueue(bool fromClient, ReadOnlySpan<byte> frame)
    {
        var record = new FrameRecord(fromClient, frame.ToArray(), false);
        lock (inFlight)
        {
            record = record with { Bytes = Rewrite(record) };
            if (!Connected || Drop(record))
            {
                Frames.Add(record with { Dropped = true });
                return;
            }

            Frames.Add(record);
            inFlight.Enqueue((fromClient, record.Bytes));
        }
    }
}
