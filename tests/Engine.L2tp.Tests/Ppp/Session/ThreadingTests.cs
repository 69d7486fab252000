using System.Threading;
using System.Net;
using System.Threading.Tasks;
using Engine.L2tp.Ppp;
using Engine.L2tp.Tests.Ppp.Support;

namespace Engine.L2tp.Tests.Ppp.Session;

/// <summary>The session's promises to the L2TP layer about when and where its callbacks run.</summary>
public sealed class ThreadingTests
{
    [Fact]
    public void Sessions_wired_back_to_back_synchronously_still_open()
    {
        // Each send calls the other session's Receive on the same thread, as a naive LAC/LNS in
        // one process would. Sends happen outside the session lock, so this neither deadlocks nor
        // interleaves a transition.
        var time = Scenario.NewClock();
        PppSession? server = null;
        PppSession? client = null;
        var serverOpened = 0;
        var clientOpened = 0;
        server = new PppSession(Scenario.Server(time), frame => client!.Receive(frame), _ => { });
        client = new PppSession(Scenario.Client(time), frame => server.Receive(frame), _ => { });
        server.Opened += (_, _) => serverOpened++;
        client.Opened += (_, _) => clientOpened++;

        server.Start();
        client.Start();

        // The server's first request reached a client that had not started; its retransmission
        // three seconds later completes LCP.
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, serverOpened);
        Assert.Equal(1, clientOpened);
        server.Dispose();
        client.Dispose();
    }

    [Fact]
    public void The_send_callback_never_runs_under_the_session_lock()
    {
        var time = Scenario.NewClock();
        var sends = 0;
        var blockedElsewhere = 0;
        PppSession? session = null;
        session = new PppSession(Scenario.Server(time), _ =>
        {
            sends++;

            // Another thread must be able to enter the session while we are inside the callback.
            var other = Task.Run(() => session!.Receive([0xFF, 0x03, 0xC0, 0x21, 0x0B, 0x01, 0x00, 0x04]));
            if (!other.Wait(TimeSpan.FromSeconds(5)))
            {
                blockedElsewhere++;
            }
        }, _ => { });

        session.Start();

        Assert.Equal(1, sends);
        Assert.Equal(0, blockedElsewhere);
        session.Dispose();
    }

    [Fact]
    public void Data_flows_from_many_threads_at_once()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();

        var packet = TestPackets.Udp4(IPAddress.Parse("192.168.1.20"), link.Server.PeerAddress!, "parallel");
        var sent = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            if (link.Server.SendPacket(packet))
            {
                Interlocked.Increment(ref sent);
            }
        });

        link.Pump();

        Assert.Equal(4000, sent);
        Assert.Equal(4000, link.Server.Statistics.PacketsSent);
        Assert.Equal(4000L * packet.Length, link.Server.Statistics.BytesSent);
        Assert.Equal(4000, link.ClientReceived.Count);
        Assert.Equal(4000, link.Client.Statistics.PacketsReceived);
    }
}
