using System;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;
using Interop.Peers;
using Interop.Support;
using Xunit.Abstractions;

namespace Interop.L2tp;

/// <summary>
/// Our LAC and PPP client against l2tpns with a password the RADIUS stand-in refuses, once with
/// PAP and once with CHAP-MD5. (A class of its own so that xunit runs it beside
/// <see cref="L2tpnsTests"/>: most of each test is waiting for l2tpns.)
/// </summary>
public sealed class L2tpnsRefusalTests
{
    private readonly ITestOutputHelper output;

    public L2tpnsRefusalTests(ITestOutputHelper output)
    {
        this.output = output;
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
}
