using System.Net;
using System.Text;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Lcp;
using Engine.L2tp.Ppp.Negotiation;
using Engine.L2tp.Tests.Ppp.Support;

namespace Engine.L2tp.Tests.Ppp.Session;

/// <summary>How sessions end when things go wrong, and that they recover from what they should.</summary>
public sealed class FailureTests
{
    [Theory]
    [InlineData(PppAuthenticationProtocol.MsChapV2)]
    [InlineData(PppAuthenticationProtocol.Chap)]
    [InlineData(PppAuthenticationProtocol.Pap)]
    public void A_wrong_password_fails_both_ends_and_leases_nothing(PppAuthenticationProtocol method)
    {
        var time = Scenario.NewClock();
        var pool = Scenario.NewPool();
        using var link = new PppLink(Scenario.Server(time, [method], pool), Scenario.Client(time, password: "not it"), time);

        link.Start();
        link.Run(TimeSpan.FromSeconds(10));

        Assert.Equal([(Scenario.UserName, AuthenticationFailureReason.WrongPassword, true)],
            link.ServerAuthenticationFailures.Select(e => (e.UserName, e.Reason, e.Final)));
        Assert.Equal(AuthenticationFailureReason.RejectedByServer, Assert.Single(link.ClientAuthenticationFailures).Reason);
        Assert.Equal(PppCloseReason.AuthenticationFailed, Assert.Single(link.ServerClosed).Reason);
        Assert.Equal(PppCloseReason.AuthenticationFailed, Assert.Single(link.ClientClosed).Reason);
        Assert.Empty(link.ServerOpened);
        Assert.Equal(0, pool.InUse);
        Assert.DoesNotContain(link.Frames, frame => frame.Protocol == (ushort)PppProtocol.Ipcp);
    }

    [Fact]
    public void An_unknown_user_is_reported_as_such_at_the_gateway_only()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time, userName: "mallory"), time);

        link.Start();
        link.Run(TimeSpan.FromSeconds(10));

        var failure = Assert.Single(link.ServerAuthenticationFailures);
        Assert.Equal(("mallory", AuthenticationFailureReason.UnknownUser), (failure.UserName, failure.Reason));
        Assert.Equal(AuthenticationFailureReason.RejectedByServer, Assert.Single(link.ClientAuthenticationFailures).Reason);
    }

    [Fact]
    public void No_event_or_reason_carries_the_password()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time, password: "Sup3rSecret!"), time);

        link.Start();
        link.Run(TimeSpan.FromSeconds(10));

        var texts = link.ServerClosed.Select(e => $"{e.Reason} {e.Detail} {e.UserName}")
            .Concat(link.ClientClosed.Select(e => $"{e.Reason} {e.Detail} {e.UserName}"))
            .Concat(link.ServerAuthenticationFailures.Select(e => $"{e.Reason} {e.UserName} {e.Protocol}"));
        Assert.All(texts, text => Assert.DoesNotContain("Sup3rSecret!", text));
        Assert.DoesNotContain("Sup3rSecret!", link.Client.ToString());
    }

    [Theory]
    [InlineData(new[] { PppAuthenticationProtocol.MsChapV2, PppAuthenticationProtocol.Chap, PppAuthenticationProtocol.Pap }, new[] { PppAuthenticationProtocol.Pap }, PppAuthenticationProtocol.Pap)]
    [InlineData(new[] { PppAuthenticationProtocol.Chap, PppAuthenticationProtocol.MsChapV2 }, new[] { PppAuthenticationProtocol.MsChapV2 }, PppAuthenticationProtocol.MsChapV2)]
    [InlineData(new[] { PppAuthenticationProtocol.Pap, PppAuthenticationProtocol.Chap }, new[] { PppAuthenticationProtocol.MsChapV2, PppAuthenticationProtocol.Chap }, PppAuthenticationProtocol.Chap)]
    public void The_configure_nak_loop_settles_on_a_shared_protocol(PppAuthenticationProtocol[] server, PppAuthenticationProtocol[] client, PppAuthenticationProtocol agreed)
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time, server), Scenario.Client(time, client), time);

        link.Start();

        Assert.Equal(agreed, Assert.Single(link.ServerOpened).AuthenticationProtocol);
        Assert.Contains(link.Delivered, frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.ConfigureNak));
    }

    [Fact]
    public void Without_a_shared_protocol_the_gateway_refuses_and_says_why()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time, [PppAuthenticationProtocol.MsChapV2]), Scenario.Client(time, [PppAuthenticationProtocol.Pap]), time);

        link.Start();
        link.Run(TimeSpan.FromSeconds(10));

        Assert.Equal(PppCloseReason.AuthenticationProtocolRefused, Assert.Single(link.ServerClosed).Reason);
        Assert.Equal(AuthenticationFailureReason.ProtocolRefused, Assert.Single(link.ServerAuthenticationFailures).Reason);

        // RFC 1661 4.1: Terminate-Request while negotiating is acked and the client keeps trying
        // (RTR in Ack-Sent is sta/Req-Sent) until its restart counter runs out.
        Assert.Empty(link.ClientClosed);
        link.Run(TimeSpan.FromSeconds(30));
        Assert.Equal(PppCloseReason.PeerTerminated, Assert.Single(link.ClientClosed).Reason);
    }

    [Fact]
    public void A_client_that_rejects_authentication_is_refused()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time, []), time);

        link.Start();
        link.Run(TimeSpan.FromSeconds(10));

        Assert.Contains(link.Delivered, frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.ConfigureReject));
        Assert.Equal(PppCloseReason.AuthenticationProtocolRefused, Assert.Single(link.ServerClosed).Reason);
    }

    [Fact]
    public void An_unanswered_gateway_gives_up_after_max_configure_requests()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time) { Connected = false };

        link.Server.Start();
        link.Run(TimeSpan.FromSeconds(29));
        Assert.Empty(link.ServerClosed);
        link.Run(TimeSpan.FromSeconds(2));

        Assert.Equal(PppCloseReason.NegotiationTimeout, Assert.Single(link.ServerClosed).Reason);
        Assert.Equal(10, link.Frames.Count(frame => !frame.FromClient && frame.Is(PppProtocol.Lcp, (byte)PppControlCode.ConfigureRequest)));
        Assert.Equal(AutomatonState.Stopped, link.Server.LcpState);
    }

    [Fact]
    public void Lost_frames_are_recovered_by_retransmission()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        var lost = new HashSet<string>();
        link.Drop = frame =>
        {
            // The first of each kind is lost: LCP requests both ways, the challenge, the response,
            // the Success, the IPCP requests.
            var key = $"{frame.FromClient}:{frame.Protocol:X4}:{frame.Code}";
            return frame.Code is 1 or 2 or 3 && lost.Add(key);
        };

        link.Start();
        link.Run(TimeSpan.FromSeconds(30));

        Assert.NotEmpty(lost);
        Assert.Contains(link.Frames, frame => frame.Dropped && frame.Is(PppProtocol.Chap, (byte)ChapCode.Success));
        Assert.Single(link.ServerOpened);
        Assert.Single(link.ClientOpened);
        Assert.Empty(link.ServerClosed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_lossy_link_still_opens(int seed)
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        var random = new Random(seed);
        link.Drop = _ => random.NextDouble() < 0.2;

        link.Start();
        link.Run(TimeSpan.FromSeconds(60));

        Assert.Single(link.ServerOpened);
        Assert.Single(link.ClientOpened);
    }

    [Fact]
    public void A_vanished_peer_is_detected_by_lcp_echo()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();

        link.Connected = false;
        link.Run(TimeSpan.FromSeconds(149));
        Assert.Empty(link.ServerClosed);
        link.Run(TimeSpan.FromSeconds(10));

        // Echo every 30 s, four unanswered, the fifth tick gives up; then Max-Terminate requests.
        Assert.Equal(PppCloseReason.KeepaliveTimeout, Assert.Single(link.ServerClosed).Reason);
        Assert.Equal(PppCloseReason.KeepaliveTimeout, Assert.Single(link.ClientClosed).Reason);
        Assert.Equal(4, link.Frames.Count(frame => !frame.FromClient && frame.Dropped && frame.Is(PppProtocol.Lcp, (byte)PppControlCode.EchoRequest)));
    }

    [Fact]
    public void Answered_echoes_keep_the_link_up()
    {
        var time = Scenario.NewClock();
        var lcp = new LcpSettings { Mru = 1400, EchoInterval = TimeSpan.FromSeconds(10), EchoFailureLimit = 2 };
        using var link = new PppLink(Scenario.Server(time, lcp: lcp), Scenario.Client(time), time);
        link.Start();

        link.Run(TimeSpan.FromMinutes(10));

        Assert.Empty(link.ServerClosed);
        Assert.True(link.Frames.Count(frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.EchoReply)) >= 60);
    }

    [Fact]
    public void Echo_can_be_turned_off()
    {
        var time = Scenario.NewClock();
        var lcp = new LcpSettings { EchoInterval = TimeSpan.Zero };
        using var link = new PppLink(Scenario.Server(time, lcp: lcp), Scenario.Client(time, lcp: lcp), time);
        link.Start();

        link.Run(TimeSpan.FromMinutes(5));

        Assert.DoesNotContain(link.Frames, frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.EchoRequest));
    }

    [Fact]
    public void A_client_disconnect_terminates_both_ends_and_frees_the_address()
    {
        var time = Scenario.NewClock();
        var pool = Scenario.NewPool();
        using var link = new PppLink(Scenario.Server(time, pool: pool), Scenario.Client(time), time);
        link.Start();
        Assert.Equal(1, pool.InUse);

        link.Client.Close();
        link.Run(TimeSpan.FromSeconds(5));

        var request = link.Frames.Single(frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.TerminateRequest));
        Assert.Equal("closed by the administrator", Encoding.ASCII.GetString(request.Information[4..]));
        Assert.Equal(PppCloseReason.LocalClose, Assert.Single(link.ClientClosed).Reason);
        var serverClosed = Assert.Single(link.ServerClosed);
        Assert.Equal(PppCloseReason.PeerTerminated, serverClosed.Reason);
        Assert.Equal(Scenario.UserName, serverClosed.UserName);
        Assert.Equal(0, pool.InUse);
        Assert.False(link.Server.IsIpv4Open);
        Assert.False(link.Server.SendPacket(TestPackets.Udp4(IPAddress.Loopback, IPAddress.Loopback, "late")));
    }

    [Fact]
    public void The_gateway_disconnecting_a_session_is_clean_too()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();

        link.Server.Close();
        link.Pump();

        Assert.Equal(PppCloseReason.LocalClose, Assert.Single(link.ServerClosed).Reason);
        Assert.Empty(link.ClientClosed);
        link.Run(TimeSpan.FromSeconds(3));
        Assert.Equal(PppCloseReason.PeerTerminated, Assert.Single(link.ClientClosed).Reason);
    }

    [Fact]
    public void The_tunnel_going_away_ends_the_session_without_a_word()
    {
        var time = Scenario.NewClock();
        var pool = Scenario.NewPool();
        using var link = new PppLink(Scenario.Server(time, pool: pool), Scenario.Client(time), time);
        link.Start();
        var frames = link.Frames.Count;

        link.Server.LowerLayerDown();
        link.Run(TimeSpan.FromSeconds(60));

        Assert.Equal(PppCloseReason.LowerLayerDown, Assert.Single(link.ServerClosed).Reason);
        Assert.DoesNotContain(link.Frames.Skip(frames), frame => !frame.FromClient);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Closing_before_starting_closes_at_once()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);

        link.Server.Close();
        link.Server.Close();

        Assert.Equal(PppCloseReason.LocalClose, Assert.Single(link.ServerClosed).Reason);
        Assert.Empty(link.Frames);
        link.Server.Start();
        Assert.Empty(link.Frames);
    }

    [Fact]
    public void An_idle_session_is_closed_and_traffic_keeps_it_alive()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time, idle: TimeSpan.FromMinutes(2)), Scenario.Client(time), time);
        link.Start();
        var packet = TestPackets.Udp4(link.Client.LocalAddress!, IPAddress.Parse("192.168.1.20"), "keepalive traffic");

        for (var i = 0; i < 5; i++)
        {
            link.Run(TimeSpan.FromSeconds(90));
            link.Client.SendPacket(packet);
            link.Pump();
        }

        Assert.Empty(link.ServerClosed);
        link.Run(TimeSpan.FromSeconds(125));
        Assert.Equal(PppCloseReason.IdleTimeout, Assert.Single(link.ServerClosed).Reason);
    }

    [Fact]
    public void A_looped_back_link_is_detected()
    {
        var time = Scenario.NewClock();
        var frames = new Queue<byte[]>();
        var closed = new List<PppSessionClosedEventArgs>();
        using var session = new PppSession(Scenario.Client(time), frame => frames.Enqueue(frame.ToArray()), _ => { });
        session.Closed += (_, e) => closed.Add(e);

        session.Start();
        for (var i = 0; i < 1000 && frames.Count > 0; i++)
        {
            session.Receive(frames.Dequeue());
        }

        Assert.Equal(PppCloseReason.LoopbackDetected, Assert.Single(closed).Reason);
    }

    [Fact]
    public void Two_ends_that_drew_the_same_magic_number_still_open()
    {
        var time = Scenario.NewClock();
        // Only the first Magic-Numbers (drawn at construction and at the first request) are the
        // same; identical random streams would be indistinguishable from a looped-back link.
        var server = Scenario.Server(time) with { RandomSource = Scenario.RandomStartingWith([1, 2, 3, 4, 1, 2, 3, 4], 42) };
        var client = Scenario.Client(time) with { RandomSource = Scenario.RandomStartingWith([1, 2, 3, 4, 1, 2, 3, 4], 43) };
        using var link = new PppLink(server, client, time);

        link.Start();
        link.Run(TimeSpan.FromSeconds(10));

        Assert.Contains(link.Delivered, frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.ConfigureNak));
        Assert.Single(link.ServerOpened);
    }
}
