using System;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.Ppp;
using Interop.Labs;
using Interop.Peers;

namespace Interop.L2tp;

/// <summary>
/// Two namespaces on one link (prefix "l2i"): our L2TP stack on a UDP socket at 10.79.0.1:1701 in
/// one, a third-party peer at 10.79.0.2:1701 in the other, and tcpdump on our side of the link
/// capturing UDP 1701 from the start. Plain UDP, no IPsec: the peers' L2TP and PPP are what is
/// tested here. Disposing removes everything (our stack first, then the peer, the capture and the namespaces).
/// </summary>
internal sealed class L2tpLab : IDisposable
{
    public const string OurAddress = "10.79.0.1";
    public const string PeerAddress = "10.79.0.2";
    public const int L2tpPort = 1701;

    public L2tpLab(string ourRole, string peerRole)
    {
        PeerPrograms.RequireTools();
        Lab = new Lab("l2i");
        try
        {
            Ours = Lab.AddHost(ourRole);
            PeerHost = Lab.AddHost(peerRole);
            Lab.Link(Ours, OurAddress + "/24", PeerHost, PeerAddress + "/24");
            Capture = Lab.Own(PacketCapture.Start(Ours, Ours.Interface, $"udp port {L2tpPort}"));
        }
        catch
        {
            Lab.Dispose();
            throw;
        }
    }

    public Lab Lab { get; }

    public LabHost Ours { get; }

    public LabHost PeerHost { get; }

    public PacketCapture Capture { get; }

    public static IPEndPoint PeerEndPoint => new(IPAddress.Parse(PeerAddress), L2tpPort);

    /// <summary>
    /// Our stack on a UDP socket bound to <see cref="OurAddress"/>:1701 in our namespace, with
    /// <paramref name="pppOptions"/> on every call; the endpoint's defaults unless <paramref name="options"/> says otherwise.
    /// </summary>
    public OurL2tpStack StartOurStack(string hostName, Func<L2tpSession, PppSessionOptions?> pppOptions, L2tpEndpointOptions? options = null) =>
        Lab.Own(new OurL2tpStack(options ?? new L2tpEndpointOptions { HostName = hostName },
            UdpL2tpTransport.Bind(Ours.Name, new IPEndPoint(IPAddress.Parse(OurAddress), L2tpPort)), pppOptions));

    public void Dispose() => Lab.Dispose();
}
