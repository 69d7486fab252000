using System;
using System.Linq;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Addressing;
using Engine.L2tp.Ppp.Auth;
using Interop.Peers;
using Xunit.Abstractions;

namespace Interop.L2tp;

/// <summary>
/// xl2tpd against our L2TP endpoint, both ways: xl2tpd as LAC dialling our LNS, and our LAC
/// dialling xl2tpd as LNS. The control connection and the call come up; xl2tpd then hands the call
/// to pppd, which cannot run on this kernel (no /dev/ppp), and clears it with a CDN (result 1, lost
/// carrier); xl2tpd keeps the tunnel, which our StopCCN then closes and xl2tpd acknowledges. tshark decodes everything we sent
/// (our PPP's LCP Configure-Requests included).
/// </summary>
public sealed class Xl2tpdTests
{
    private const string LacSection = "ours";

    private readonly ITestOutputHelper output;

    public Xl2tpdTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public void Xl2tpd_as_lac_brings_up_a_tunnel_and_a_call_to_our_lns_then_clears_the_call_when_pppd_dies()
    {
        using var lab = new L2tpLab("lns", "lac");
        var ours = lab.StartOurStack("l2i-lns", _ => ServerPpp());
        var xl2tpd = lab.Lab.Own(new Xl2tpdPeer(lab.PeerHost));
        xl2tpd.StartLac(L2tpLab.PeerAddress, LacSection, L2tpLab.OurAddress);
        string Diagnostics() => $"----- xl2tpd:\n{xl2tpd.Log}\n----- pppd:\n{xl2tpd.PppdLog}";

        xl2tpd.Dial(LacSection);
        ours.AssertWithin(TimeSpan.FromSeconds(10), stack => stack.TunnelsUp.Count == 1 && stack.SessionsUp.Count == 1,
            "xl2tpd's tunnel and call up on our LNS", Diagnostics);
        var tunnel = ours.TunnelsUp[0];
        var session = ours.SessionsUp[0];
        Assert.Equal("xl2tpd-lac", tunnel.PeerHostName);
        Assert.Equal(L2tpCallRole.Answerer, session.Role);

        ours.AssertWithin(TimeSpan.FromSeconds(10), stack => stack.SessionsDown.Count == 1, "xl2tpd's CDN after pppd died", Diagnostics);
        var (_, reason, _) = ours.SessionsDown[0];
        Assert.True(reason.Kind == L2tpCloseKind.PeerRequest && reason.Result?.Result == (ushort)CdnResultCode.LostCarrier,
            $"expected xl2tpd's CDN (result 1, lost carrier: its pppd exited), got {reason}\n{ours.History}\n{Diagnostics()}");
        Assert.Contains("/dev/ppp", xl2tpd.PppdLog + xl2tpd.Log, StringComparison.Ordinal);
        ours.AssertWithin(TimeSpan.FromSeconds(2), stack => stack.PppClosed.Count == 1, "our PPP session told the call is gone", Diagnostics);
        Assert.Equal(PppCloseReason.LowerLayerDown, ours.PppClosed[0].Reason);

        var teardown = CloseTunnel(ours, tunnel, Diagnostics);
        Assert.True(xl2tpd.WaitForLog("Connection closed to " + L2tpLab.OurAddress, TimeSpan.FromSeconds(5)), "xl2tpd did not log our StopCCN\n" + Diagnostics());

        var wire = L2tpWire.AssertOurFramesDecodeClean(lab.Capture, L2tpLab.OurAddress);
        output.WriteLine($"{Xl2tpdPeer.Version} as LAC: call cleared with {reason}; {teardown}");
        output.WriteLine(wire);
        output.WriteLine(ours.History);
        output.WriteLine(Diagnostics());
    }

    [Fact]
    public void Our_lac_brings_up_a_tunnel_and_a_call_to_xl2tpd_as_lns_which_clears_the_call_when_pppd_dies()
    {
        using var lab = new L2tpLab("lac", "lns");
        var ours = lab.StartOurStack("l2i-lac", _ => ClientPpp());
        var xl2tpd = lab.Lab.Own(new Xl2tpdPeer(lab.PeerHost));
        xl2tpd.StartLns(L2tpLab.PeerAddress);
        string Diagnostics() => $"----- xl2tpd:\n{xl2tpd.Log}\n----- pppd:\n{xl2tpd.PppdLog}";

        var session = ours.Dial(L2tpLab.PeerEndPoint);
        ours.AssertWithin(TimeSpan.FromSeconds(10), stack => stack.TunnelsUp.Count == 1 && stack.SessionsUp.Count == 1,
            "tunnel and call up with xl2tpd", Diagnostics);
        var tunnel = session.Tunnel;
        Assert.Equal("xl2tpd-lns", tunnel.PeerHostName);
        Assert.Equal(L2tpCallRole.Caller, session.Role);

        ours.AssertWithin(TimeSpan.FromSeconds(10), stack => stack.SessionsDown.Count == 1, "xl2tpd's CDN after pppd died", Diagnostics);
        var (_, reason, _) = ours.SessionsDown[0];
        Assert.True(reason.Kind == L2tpCloseKind.PeerRequest && reason.Result?.Result == (ushort)CdnResultCode.LostCarrier,
            $"expected xl2tpd's CDN (result 1, lost carrier: its pppd exited), got {reason}\n{ours.History}\n{Diagnostics()}");
        Assert.Contains("/dev/ppp", xl2tpd.PppdLog + xl2tpd.Log, StringComparison.Ordinal);

        var teardown = CloseTunnel(ours, tunnel, Diagnostics);
        Assert.True(xl2tpd.WaitForLog("Connection closed to " + L2tpLab.OurAddress, TimeSpan.FromSeconds(5)), "xl2tpd did not log our StopCCN\n" + Diagnostics());

        var wire = L2tpWire.AssertOurFramesDecodeClean(lab.Capture, L2tpLab.OurAddress);
        output.WriteLine($"{Xl2tpdPeer.Version} as LNS: call cleared with {reason}; {teardown}");
        output.WriteLine(wire);
        output.WriteLine(ours.History);
        output.WriteLine(Diagnostics());
    }

    /// <summary>
    /// The tunnel, its call gone: xl2tpd keeps it (it has no call timer of its own), so our StopCCN
    /// closes it and xl2tpd must acknowledge it; should xl2tpd have stopped it first, its StopCCN is
    /// accepted instead. Which of the two happened.
    /// </summary>
    private static string CloseTunnel(OurL2tpStack ours, L2tpTunnel tunnel, Func<string> diagnostics)
    {
        if (ours.TunnelsDown.Any(down => down.Tunnel == tunnel))
        {
            var (_, reason) = ours.TunnelsDown.Single(down => down.Tunnel == tunnel);
            Assert.True(reason.Kind == L2tpCloseKind.PeerRequest, $"the tunnel went down with {reason}\n{ours.History}\n{diagnostics()}");
            return $"xl2tpd stopped the tunnel ({reason})";
        }

        Assert.True(ours.CloseTunnel(tunnel, TimeSpan.FromSeconds(5)), $"xl2tpd did not acknowledge our StopCCN\n{ours.History}\n{diagnostics()}");
        Assert.Null(ours.Transport.Failure);
        return "our StopCCN acknowledged";
    }

    private static PppSessionOptions ServerPpp() => new()
    {
        Role = PppRole.Server,
        Server = new PppServerSettings
        {
            AuthenticationProtocols = [PppAuthenticationProtocol.Chap],
            UserLookup = name => name == "alice" ? PppPassword.FromString("wonderland") : null,
            LocalAddress = IPAddress.Parse("10.78.1.1"),
            AddressPool = Ipv4AddressPool.Parse("10.78.1.10-10.78.1.20"),
        },
    };

    private static PppSessionOptions ClientPpp() => new()
    {
        Role = PppRole.Client,
        Client = new PppClientSettings { UserName = "alice", Password = PppPassword.FromString("wonderland") },
    };
}
