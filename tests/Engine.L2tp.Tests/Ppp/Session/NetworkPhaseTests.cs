using System.Buffers.Binary;
using System.Net;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Lcp;
using Engine.L2tp.Ppp.Negotiation;
using Engine.L2tp.Tests.Ppp.Support;

namespace Engine.L2tp.Tests.Ppp.Session;

/// <summary>Addresses, the data path and what the network phase does with protocols it does not run.</summary>
public sealed class NetworkPhaseTests
{
    [Fact]
    public void A_users_static_address_is_assigned()
    {
        var time = Scenario.NewClock();
        var pool = Scenario.NewPool();
        pool.SetStaticAddress(Scenario.UserName, IPAddress.Parse("192.168.50.99"));
        using var link = new PppLink(Scenario.Server(time, pool: pool), Scenario.Client(time), time);

        link.Start();

        Assert.Equal(IPAddress.Parse("192.168.50.99"), Assert.Single(link.ClientOpened).LocalAddress);
    }

    [Fact]
    public void An_exhausted_pool_closes_the_session_after_authentication()
    {
        var time = Scenario.NewClock();
        var pool = Scenario.NewPool("192.168.50.10");
        using var first = new PppLink(Scenario.Server(time, pool: pool), Scenario.Client(time), time);
        first.Start();
        using var second = new PppLink(Scenario.Server(time, pool: pool), Scenario.Client(time), time);

        second.Start();
        second.Run(TimeSpan.FromSeconds(5));

        var closed = Assert.Single(second.ServerClosed);
        Assert.Equal(PppCloseReason.AddressUnavailable, closed.Reason);
        Assert.Equal("the address pool is exhausted", closed.Detail);
        Assert.Empty(second.ServerAuthenticationFailures);
        Assert.Equal(1, pool.InUse);
    }

    [Fact]
    public void A_static_address_held_by_another_session_is_not_replaced_by_a_dynamic_one()
    {
        var time = Scenario.NewClock();
        var pool = Scenario.NewPool();
        pool.SetStaticAddress(Scenario.UserName, IPAddress.Parse("192.168.50.99"));
        using var first = new PppLink(Scenario.Server(time, pool: pool), Scenario.Client(time), time);
        first.Start();
        using var second = new PppLink(Scenario.Server(time, pool: pool), Scenario.Client(time), time);

        second.Start();

        Assert.Equal(PppCloseReason.AddressUnavailable, Assert.Single(second.ServerClosed).Reason);
    }

    [Fact]
    public void A_client_insisting_on_another_address_never_gets_ipcp_open()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Rewrite = frame =>
        {
            // Whatever the server naks with, the client's IPCP request asks for 10.0.0.1.
            if (!frame.FromClient || !frame.Is(PppProtocol.Ipcp, (byte)PppControlCode.ConfigureRequest))
            {
                return frame.Bytes;
            }

            var bytes = frame.Bytes.ToArray();
            var option = bytes.AsSpan(4 + 4);
            Assert.Equal(3, option[0]);
            Hex.Bytes("0A000001").CopyTo(option[2..]);
            return bytes;
        };

        link.Start();
        link.Run(TimeSpan.FromSeconds(60));

        // Five Naks (Max-Failure), then the server rejects the option instead. The Reject echoes
        // the rewritten option, which the real client never sent, so the client discards it
        // (RFC 1661 5.4) and its IPCP runs out of retries; nothing ever opens.
        Assert.Equal(5, link.Frames.Count(frame => !frame.FromClient && frame.Is(PppProtocol.Ipcp, (byte)PppControlCode.ConfigureNak)));
        Assert.Contains(link.Frames, frame => !frame.FromClient && frame.Is(PppProtocol.Ipcp, (byte)PppControlCode.ConfigureReject));
        Assert.Empty(link.ServerOpened);
        Assert.Empty(link.ClientOpened);
        Assert.Equal(PppCloseReason.NoNetworkProtocol, Assert.Single(link.ClientClosed).Reason);
        Assert.Single(link.ServerClosed);
    }

    [Fact]
    public void Unknown_protocols_get_protocol_reject_once_lcp_is_open()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();

        link.Server.Receive(Hex.Bytes("FF0380FD 0101000A 1206 01000040"));
        link.Pump();

        var reject = link.Frames.Last(frame => !frame.FromClient);
        Assert.True(reject.Is(PppProtocol.Lcp, (byte)PppControlCode.ProtocolReject));
        Assert.Equal(Hex.Bytes("80FD 0101000A 1206 01000040"), reject.Information[4..]);
        Assert.Single(link.ServerOpened);
    }

    [Theory]
    [InlineData("FF03C021 0B 33 0008 DEADBEEF")]
    [InlineData("FF03C021 0C 34 0012 DEADBEEF 4D535241535635 2E3230")]
    [InlineData("FF03C021 0D 35 000C DEADBEEF 00000E10")]
    public void Discard_identification_and_time_remaining_are_accepted_silently(string frame)
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();
        var sent = link.Frames.Count;

        link.Server.Receive(Hex.Bytes(frame));
        link.Pump();

        Assert.Equal(sent, link.Frames.Count);
    }

    [Fact]
    public void An_unknown_lcp_code_is_code_rejected()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();

        link.Server.Receive(Hex.Bytes("FF03C021 2A 01 0006 0102"));
        link.Pump();

        var reject = link.Frames.Last(frame => !frame.FromClient);
        Assert.True(reject.Is(PppProtocol.Lcp, (byte)PppControlCode.CodeReject));
        Assert.Equal(Hex.Bytes("2A 01 0006 0102"), reject.Information[4..]);
        Assert.Equal(AutomatonState.Opened, link.Server.LcpState);
    }

    [Fact]
    public void Before_lcp_opens_other_protocols_are_silently_discarded()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Server.Start();
        var sent = link.Frames.Count;

        link.Server.Receive(Hex.Bytes("FF0380FD 0101000A 1206 01000040"));
        link.Server.Receive(Hex.Bytes("FF038021 01010004"));

        Assert.Equal(sent, link.Frames.Count);
    }

    [Fact]
    public void During_authentication_other_protocols_are_silently_discarded()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Drop = frame => frame.FromClient && frame.Protocol == (ushort)PppProtocol.Chap;
        link.Start();
        Assert.Equal(PppPhase.Authenticate, link.Server.Phase);
        var sent = link.Frames.Count(frame => !frame.FromClient);

        link.Server.Receive(Hex.Bytes("FF0380FD 0101000A 1206 01000040"));
        link.Server.Receive(Hex.Bytes("FF038057 0101000E 010A 1122334455667788"));
        link.Pump();

        Assert.Equal(sent, link.Frames.Count(frame => !frame.FromClient));
    }

    [Fact]
    public void Ipv6cp_is_rejected_cleanly_when_ipv6_is_off()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time, ipv6: true), time);

        link.Start();
        link.Run(TimeSpan.FromSeconds(5));

        Assert.Contains(link.Delivered, frame => !frame.FromClient && frame.Is(PppProtocol.Lcp, (byte)PppControlCode.ProtocolReject));
        Assert.Single(link.ServerOpened);
        Assert.Single(link.ClientOpened);
        Assert.False(link.Client.IsIpv6Open);
        Assert.Empty(link.ClientClosed);
        Assert.True(link.Client.SendPacket(TestPackets.Udp4(link.Client.LocalAddress!, Scenario.GatewayAddress, "v4 still works")));
    }

    [Fact]
    public void With_ipv6cp_on_both_ends_ipv6_flows()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time, ipv6: true), Scenario.Client(time, ipv6: true), time);

        link.Start();

        Assert.True(link.Server.IsIpv6Open);
        Assert.True(link.Client.IsIpv6Open);
        var (serverLocal, serverPeer) = link.Server.Ipv6InterfaceIdentifiers!.Value;
        var (clientLocal, clientPeer) = link.Client.Ipv6InterfaceIdentifiers!.Value;
        Assert.Equal(serverLocal, clientPeer);
        Assert.Equal(clientLocal, serverPeer);
        Assert.NotEqual(serverLocal, clientLocal);

        var packet = TestPackets.Ipv6(IPAddress.Parse("fe80::1"), IPAddress.Parse("fe80::2"));
        Assert.True(link.Client.SendPacket(packet));
        link.Pump();
        Assert.Equal(packet, Assert.Single(link.ServerReceived));
    }

    [Fact]
    public void Negotiated_header_compression_shortens_data_frames()
    {
        var time = Scenario.NewClock();
        var compress = new LcpSettings { RequestAddressControlCompression = true, RequestProtocolFieldCompression = true };
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time, lcp: compress), time);
        link.Start();
        var packet = TestPackets.Udp4(IPAddress.Parse("192.168.1.20"), link.Server.PeerAddress!, "short header");

        Assert.True(link.Server.SendPacket(packet));
        link.Pump();

        var frame = link.Frames[^1];
        Assert.Equal(0x21, frame.Bytes[0]);
        Assert.Equal(packet.Length + 1, frame.Bytes.Length);
        Assert.Equal(packet, Assert.Single(link.ClientReceived));
        Assert.True(link.Frames.Where(f => f.Protocol == (ushort)PppProtocol.Lcp).All(f => f.Bytes[0] == 0xFF));
    }

    [Fact]
    public void Packets_larger_than_the_peers_mru_are_refused()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();
        Assert.Equal(1400, link.Client.PeerMru);
        var big = TestPackets.Udp4(link.Client.LocalAddress!, Scenario.GatewayAddress, new string('x', 1400 - 28 + 1));

        Assert.False(link.Client.SendPacket(big));
        Assert.True(link.Client.SendPacket(big.AsSpan(0, 1400)));
    }

    [Fact]
    public void Lcp_renegotiation_goes_through_authentication_again()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();
        var challenges = link.Frames.Count(frame => frame.Is(PppProtocol.Chap, 1));

        // The client restarts LCP (a new Configure-Request while Opened).
        link.Server.Receive(Hex.Bytes("FF03C021 01 7F 000A 0506 0BADCAFE"));
        link.Run(TimeSpan.FromSeconds(30));

        Assert.Equal(challenges + 1, link.Frames.Count(frame => frame.Is(PppProtocol.Chap, 1)));
        Assert.Equal(AutomatonState.Opened, link.Server.LcpState);
        Assert.Equal(AutomatonState.Opened, link.Server.IpcpState);
        Assert.Single(link.ServerOpened);
        Assert.Empty(link.ServerClosed);
    }

    [Fact]
    public void Frames_that_are_not_ppp_are_counted_and_dropped()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();

        link.Server.Receive([]);
        link.Server.Receive([0xFF, 0x05]);
        link.Server.Receive([0x80]);

        Assert.Equal(3, link.Server.Statistics.FramesDiscarded);
        Assert.Empty(link.ServerClosed);
    }

    [Fact]
    public void An_event_handler_may_close_the_session()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Server.Opened += (sender, _) => ((PppSession)sender!).Close();

        link.Start();
        link.Run(TimeSpan.FromSeconds(5));

        Assert.Equal(PppCloseReason.LocalClose, Assert.Single(link.ServerClosed).Reason);
        Assert.Equal(PppCloseReason.PeerTerminated, Assert.Single(link.ClientClosed).Reason);
    }

    [Fact]
    public void Echo_requests_carry_the_magic_number_and_replies_answer_them()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();

        link.Run(TimeSpan.FromSeconds(31));

        var request = link.Frames.First(frame => !frame.FromClient && frame.Is(PppProtocol.Lcp, (byte)PppControlCode.EchoRequest));
        var reply = link.Frames.First(frame => frame.FromClient && frame.Is(PppProtocol.Lcp, (byte)PppControlCode.EchoReply) && frame.Information[1] == request.Information[1]);
        var serverMagic = BinaryPrimitives.ReadUInt32BigEndian(request.Information.AsSpan(4));
        var clientMagic = BinaryPrimitives.ReadUInt32BigEndian(reply.Information.AsSpan(4));
        Assert.NotEqual(0u, serverMagic);
        Assert.NotEqual(serverMagic, clientMagic);
    }
}
