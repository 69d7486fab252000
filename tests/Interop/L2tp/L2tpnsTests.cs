using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;
using Interop.Peers;
using Interop.Support;
using Xunit.Abstractions;

namespace Interop.L2tp;

/// <summary>
/// Our LAC and PPP client against l2tpns, a real userspace LNS with its own PPP: the tunnel and the
/// call come up, LCP opens, PAP or CHAP-MD5 authenticates through l2tpns' RADIUS (our stand-in),
/// IPCP gives an address from l2tpns' pool and its DNS servers, ICMP echoes through the PPP link to
/// l2tpns' address are answered by its host, LCP, the call and the tunnel close cleanly, and the
/// keepalives of both sides are answered. tshark decodes everything we sent. (A wrong password:
/// <see cref="L2tpnsRefusalTests"/>.)
/// </summary>
public sealed class L2tpnsTests
{
    private readonly ITestOutputHelper output;

    public L2tpnsTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Theory]
    [InlineData("pap", PppAuthenticationProtocol.Pap)]
    [InlineData("chap", PppAuthenticationProtocol.Chap)]
    public void Our_client_authenticates_gets_an_address_and_pings_through_l2tpns(string l2tpnsAuthentication, PppAuthenticationProtocol protocol)
    {
        using var lab = new L2tpnsLab(l2tpnsAuthentication, protocol, L2tpnsLab.Password);
        var session = lab.DialAndWaitForCall();
        lab.Ours.AssertWithin(TimeSpan.FromSeconds(15), stack => stack.PppOpened.Count == 1 || stack.PppClosed.Count > 0,
            "PPP open (LCP, authentication, IPCP)", lab.Diagnostics);
        Assert.True(lab.Ours.PppOpened.Count == 1, $"PPP closed instead of opening\n{lab.Ours.History}\n{lab.Diagnostics()}");

        var opened = lab.Ours.PppOpened[0];
        Assert.Equal(protocol, opened.AuthenticationProtocol);
        Assert.Equal(L2tpnsLab.UserName, opened.UserName);
        Assert.True(InPool(opened.LocalAddress), $"our address {opened.LocalAddress} is not from l2tpns' pool {L2tpnsLab.Pool}");
        Assert.Equal(IPAddress.Parse(L2tpLab.PeerAddress), opened.PeerAddress);
        Assert.Equal([L2tpnsLab.PrimaryDns, L2tpnsLab.SecondaryDns], opened.DnsServers);
        var method = protocol == PppAuthenticationProtocol.Pap ? "PAP" : "CHAP";
        Assert.Contains(lab.RadiusExchanges("Access-Request"), e => e.UserName == L2tpnsLab.UserName && e.Detail == method && e.Answer == "Access-Accept");

        var ppp = lab.Ours.PppOf(session)!;
        var roundTrips = Enumerable.Range(1, 3).Select(sequence => Ping(lab, ppp, opened.LocalAddress, opened.PeerAddress, (ushort)sequence)).ToList();
        Assert.True(Wait.Until(() => lab.RadiusExchanges("Accounting-Request").Any(e => e.Detail == "Start"), TimeSpan.FromSeconds(5)),
            "no accounting Start from l2tpns\n" + lab.Diagnostics());

        ppp.Close();
        lab.Ours.AssertWithin(TimeSpan.FromSeconds(10), stack => stack.PppClosed.Count == 1 && stack.SessionsDown.Count == 1,
            "LCP terminated and the call cleared", lab.Diagnostics);
        Assert.Equal(PppCloseReason.LocalClose, lab.Ours.PppClosed[0].Reason);
        Assert.Equal(L2tpCloseKind.LocalRequest, lab.Ours.SessionsDown[0].Reason.Kind);
        lab.CloseTunnelCleanly(session);
        Assert.True(Wait.Until(() => lab.RadiusExchanges("Accounting-Request").Any(e => e.Detail == "Stop"), TimeSpan.FromSeconds(5)),
            "no accounting Stop from l2tpns\n" + lab.Diagnostics());

        var wire = L2tpWire.AssertOurFramesDecodeClean(lab.Lab.Capture, L2tpLab.OurAddress);
        output.WriteLine($"{L2tpnsPeer.Version}, {method}: address {opened.LocalAddress}, gateway {opened.PeerAddress}, " +
            $"peer MRU {opened.PeerMru}, ping round trips {string.Join(", ", roundTrips.Select(t => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)))} ms");
        output.WriteLine(wire);
        output.WriteLine(lab.Ours.History);
        output.WriteLine(string.Join("\n", lab.Radius.Exchanges));
    }

    /// <summary>
    /// Keepalives on an idle link: our Hello (RFC 2661 section 6.5, sent after 0.5 s without any
    /// message from l2tpns) is acknowledged, our LCP Echo-Request (every 2 s) is answered, and
    /// l2tpns' own Echo-Requests (after 1 s without sending, its echo_timeout) are answered by our
    /// PPP client; the link stays up throughout. The intervals differ so that each side's probes
    /// leave gaps in which the other's fire.
    /// </summary>
    [Fact]
    public void Keepalives_both_ways_are_answered_on_an_idle_link()
    {
        using var lab = new L2tpnsLab("pap", PppAuthenticationProtocol.Pap, L2tpnsLab.Password,
            hello: TimeSpan.FromSeconds(0.5), lcpEcho: TimeSpan.FromSeconds(2), l2tpnsEchoSeconds: 1);
        var session = lab.DialAndWaitForCall();
        lab.Ours.AssertWithin(TimeSpan.FromSeconds(15), stack => stack.PppOpened.Count == 1, "PPP open", lab.Diagnostics);

        // Idle for 2.6 s at least (our first LCP echo goes at 2 s), until l2tpns has logged our Hello.
        var idle = Stopwatch.StartNew();
        Assert.True(Wait.Until(() => idle.Elapsed > TimeSpan.FromSeconds(2.6) && lab.L2tpns.Log.Contains("Received HELLO", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10)), $"l2tpns logged no HELLO from us\n{lab.Ours.History}\n{lab.Diagnostics()}");
        var idleTime = idle.Elapsed;
        Assert.True(lab.Ours.PppClosed.Count == 0 && lab.Ours.SessionsDown.Count == 0 && session.Tunnel.State == L2tpTunnelState.Established,
            $"the idle link went down\n{lab.Ours.History}\n{lab.Diagnostics()}");
        lab.CloseTunnelCleanly(session);

        var capture = lab.Lab.Capture;
        var ours = $"ip.src == {L2tpLab.OurAddress}";
        var theirs = $"ip.src == {L2tpLab.PeerAddress}";
        int Count(string filter) => capture.Fields(null, filter, "frame.number").Count;
        var hellos = Count($"{ours} && l2tp.avp.message_type == 6");
        var ourEchoes = Count($"{ours} && lcp && ppp.code == 9");
        var answersToUs = Count($"{theirs} && lcp && ppp.code == 10");
        var theirEchoes = Count($"{theirs} && lcp && ppp.code == 9");
        var ourAnswers = Count($"{ours} && lcp && ppp.code == 10");
        var explain = $"\n{lab.Ours.History}\n{lab.Diagnostics()}";
        Assert.True(hellos >= 1, $"{hellos} HELLO from us" + explain);
        Assert.True(ourEchoes >= 1 && answersToUs >= ourEchoes - 1 && answersToUs >= 1,
            $"our LCP Echo-Requests {ourEchoes}, l2tpns' Echo-Replies {answersToUs}" + explain);
        Assert.True(theirEchoes >= 1 && ourAnswers >= theirEchoes - 1 && ourAnswers >= 1,
            $"l2tpns' LCP Echo-Requests {theirEchoes}, our Echo-Replies {ourAnswers}" + explain);

        var wire = L2tpWire.AssertOurFramesDecodeClean(capture, L2tpLab.OurAddress);
        output.WriteLine($"{L2tpnsPeer.Version}, {idleTime.TotalSeconds:0.0} s idle: {hellos} HELLO from us (acknowledged), " +
            $"LCP echo: {ourEchoes} requests from us / {answersToUs} replies, {theirEchoes} requests from l2tpns / {ourAnswers} replies from us");
        output.WriteLine(wire);
        output.WriteLine(lab.Ours.History);
    }

    /// <summary>One ICMP echo through the PPP link; its round trip time. Fails when no reply comes within 5 s.</summary>
    private static TimeSpan Ping(L2tpnsLab lab, PppSession ppp, IPAddress source, IPAddress destination, ushort sequence)
    {
        const ushort identifier = 0x4c32;
        var watch = Stopwatch.StartNew();
        Assert.True(ppp.SendPacket(IcmpEcho.Request(source, destination, identifier, sequence, "l2i interop echo"u8)), "PPP refused the datagram");
        var answered = Wait.Until(() => lab.Ours.PacketsReceived.Any(packet =>
                IcmpEcho.TryReadReply(packet, out var from, out var id, out var seq) && from.Equals(destination) && id == identifier && seq == sequence),
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1));
        Assert.True(answered, $"no echo reply {sequence} from {destination} through the PPP link\n{lab.Ours.History}\n{lab.Diagnostics()}");
        return watch.Elapsed;
    }

    private static bool InPool(IPAddress address)
    {
        var octets = address.GetAddressBytes();
        return octets.Length == 4 && octets[0] == 10 && octets[1] == 10 && octets[2] == 10 && octets[3] is > 0 and < 255;
    }
}
