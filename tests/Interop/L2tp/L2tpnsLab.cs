using System;
using System.Linq;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Lcp;
using Interop.Peers;

namespace Interop.L2tp;

/// <summary>
/// Our LAC and PPP client in one namespace, l2tpns as LNS in the other with the RADIUS stand-in
/// beside it (one user, alice), l2tpns handing out 10.10.10.0/24 and two DNS servers.
/// </summary>
internal sealed class L2tpnsLab : IDisposable
{
    public const string UserName = "alice";
    public const string Password = "wonderland";
    public const string RadiusSecret = "l2i-radius-secret";
    public const string Pool = "10.10.10.0/24";
    public static readonly IPAddress PrimaryDns = IPAddress.Parse("192.0.2.53");
    public static readonly IPAddress SecondaryDns = IPAddress.Parse("192.0.2.54");

    private readonly L2tpLab lab = new("lac", "lns");

    /// <param name="authenticationTypes">l2tpns' radius_authtypes: "pap" or "chap" (what it asks for in LCP).</param>
    /// <param name="clientProtocol">The one protocol our client agrees to.</param>
    /// <param name="clientPassword">What our client presents.</param>
    /// <param name="hello">Our Hello interval (the endpoint's default when null).</param>
    /// <param name="lcpEcho">Our LCP echo interval (the PPP default when null).</param>
    /// <param name="l2tpnsEchoSeconds">l2tpns' echo_timeout: seconds after the last packet it sent before it sends an LCP Echo-Request.</param>
    public L2tpnsLab(string authenticationTypes, PppAuthenticationProtocol clientProtocol, string clientPassword,
        TimeSpan? hello = null, TimeSpan? lcpEcho = null, int? l2tpnsEchoSeconds = null)
    {
        try
        {
            Radius = lab.Lab.Own(new RadiusStandIn(lab.PeerHost.Name, IPAddress.Parse(L2tpLab.PeerAddress), RadiusSecret, UserName, Password));
            L2tpns = lab.Lab.Own(new L2tpnsPeer(lab.PeerHost));
            L2tpns.Start(L2tpLab.PeerAddress, L2tpLab.PeerAddress, RadiusSecret, authenticationTypes, Pool, PrimaryDns.ToString(), SecondaryDns.ToString(),
                l2tpnsEchoSeconds is { } seconds ? $"set echo_timeout {seconds}" : string.Empty);
            var endpointOptions = new L2tpEndpointOptions { HostName = "l2i-lac", HelloInterval = hello ?? new L2tpEndpointOptions().HelloInterval };
            var lcp = lcpEcho is { } interval ? new LcpSettings { EchoInterval = interval } : new LcpSettings();
            Ours = lab.StartOurStack("l2i-lac", _ => new PppSessionOptions
            {
                Role = PppRole.Client,
                Lcp = lcp,
                Client = new PppClientSettings
                {
                    UserName = UserName,
                    Password = PppPassword.FromString(clientPassword),
                    AuthenticationProtocols = [clientProtocol],
                },
            }, endpointOptions);
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public OurL2tpStack Ours { get; }

    public L2tpnsPeer L2tpns { get; }

    public RadiusStandIn Radius { get; }

    public L2tpLab Lab => lab;

    /// <summary>Our stack's history, l2tpns' log and the RADIUS exchanges, for assertion messages.</summary>
    public string Diagnostics() =>
        $"----- RADIUS stand-in ({Radius.Discarded} discarded):\n{string.Join("\n", Radius.Exchanges)}\n----- l2tpns log:\n{L2tpns.Log}";

    /// <summary>Dials l2tpns and waits for the tunnel and the call to be up on our side.</summary>
    public L2tpSession DialAndWaitForCall()
    {
        var session = Ours.Dial(L2tpLab.PeerEndPoint);
        Ours.AssertWithin(TimeSpan.FromSeconds(10), stack => stack.TunnelsUp.Count == 1 && stack.SessionsUp.Count == 1,
            "tunnel and call up with l2tpns", Diagnostics);
        return session;
    }

    /// <summary>
    /// Closes the tunnel with a StopCCN and asserts that l2tpns acknowledged it (the tunnel is
    /// released before the retransmission cycle would give up) and logged it.
    /// </summary>
    public void CloseTunnelCleanly(L2tpSession session)
    {
        var tunnel = session.Tunnel;
        Assert.True(Ours.CloseTunnel(tunnel, TimeSpan.FromSeconds(5)), $"l2tpns did not acknowledge our StopCCN\n{Ours.History}\n{Diagnostics()}");
        Assert.True(L2tpns.WaitForLog("Received StopCCN", TimeSpan.FromSeconds(5)), Diagnostics());
        Assert.Contains(Ours.TunnelsDown, down => down.Tunnel == tunnel && down.Reason.Kind == L2tpCloseKind.LocalRequest);
        Assert.Null(Ours.Transport.Failure);
        Assert.Equal(0, Ours.Endpoint.Counters.Malformed + Ours.Endpoint.Counters.Truncated + Ours.Endpoint.Counters.WrongPeer);
    }

    /// <summary>The RADIUS exchanges of one kind, for the assertions.</summary>
    public RadiusExchange[] RadiusExchanges(string request) => Radius.Exchanges.Where(e => e.Request == request).ToArray();

    public void Dispose() => lab.Dispose();
}
