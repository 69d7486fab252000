using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;
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
/// l2tpns' address are answered by its host, and LCP, the call and the tunnel close cleanly; a
/// wrong password is refused. tshark decodes everything we sent.
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
    /// l2tpns 2.4.1 answers a RADIUS Access-Reject by clearing the call at once (CDN result 3,
    /// "Authentication rejected" in its log) without a PAP Authenticate-Nak or CHAP Failure, so our
    /// client learns of the refusal as the call going down while its PPP session is in the
    /// authentication phase, and acknowledges the CDN.
    /// </summary>
    [Theory]
    [InlineData("pap", PppAuthenticationProtocol.Pap)]
    [InlineData("chap", PppAuthenticationProtocol.Chap)]
    public void A_wrong_password_is_refused_by_l2tpns_while_our_client_authenticates(string l2tpnsAuthentication, PppAuthenticationProtocol protocol)
    {
        using var lab = new L2tpnsLab(l2tpnsAuthentication, protocol, "not the password");
        var session = lab.DialAndWaitForCall();
        lab.Ours.AssertWithin(TimeSpan.FromSeconds(15), stack => stack.PppClosed.Count == 1 && stack.SessionsDown.Count == 1,
            "PPP closed and the call cleared after the refusal", lab.Diagnostics);

        var method = protocol == PppAuthenticationProtocol.Pap ? "PAP" : "CHAP";
        Assert.Contains(lab.RadiusExchanges("Access-Request"), e => e.UserName == L2tpnsLab.UserName && e.Detail == method && e.Answer == "Access-Reject");
        Assert.DoesNotContain(lab.RadiusExchanges("Access-Request"), e => e.Answer == "Access-Accept");
        Assert.True(lab.L2tpns.WaitForLog($"Authentication rejected for {L2tpnsLab.UserName}", TimeSpan.FromSeconds(5)), lab.Diagnostics());

        var (_, reason, phase) = lab.Ours.SessionsDown[0];
        var explain = $"\n{lab.Ours.History}\n{lab.Diagnostics()}";
        Assert.True(lab.Ours.PppOpened.Count == 0, "PPP opened with a wrong password" + explain);
        Assert.True(reason.Kind == L2tpCloseKind.PeerRequest && reason.Result?.Result == (ushort)CdnResultCode.Administrative,
            $"expected l2tpns' CDN (result 3), got {reason}" + explain);
        Assert.True(phase == PppPhase.Authenticate, $"the call went down in PPP phase {phase}, not while authenticating" + explain);
        Assert.Equal(PppCloseReason.LowerLayerDown, lab.Ours.PppClosed[0].Reason);
        Assert.All(lab.Ours.AuthenticationFailures, failure => Assert.Equal(AuthenticationFailureReason.RejectedByServer, failure.Reason));

        // The CDN is acknowledged on its own (a ZLB after the 250 ms delay: nothing else was going to l2tpns).
        Assert.True(Wait.Until(() => session.Tunnel.ControlCounters.ZeroLengthBodiesSent >= 1, TimeSpan.FromSeconds(2)),
            "l2tpns' CDN was not acknowledged" + explain);
        lab.CloseTunnelCleanly(session);

        var wire = L2tpWire.AssertOurFramesDecodeClean(lab.Lab.Capture, L2tpLab.OurAddress);
        output.WriteLine($"{L2tpnsPeer.Version}, {method}, wrong password: call cleared by l2tpns ({reason}) in PPP phase {phase}");
        output.WriteLine(wire);
        output.WriteLine(lab.Ours.History);
        output.WriteLine(string.Join("\n", lab.Radius.Exchanges));
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
