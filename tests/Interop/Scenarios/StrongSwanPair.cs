using System;
using Interop.Labs;
using Interop.Matrix;
using Interop.Peers;

namespace Interop.Scenarios;

/// <summary>
/// The basic topology: our engine ("ours", 10.77.0.1) and strongSwan ("sw", 10.77.0.2) on one
/// link, TCP and UDP servers on both, a host-to-host tunnel between them.
/// </summary>
internal sealed class StrongSwanPair : IDisposable
{
    public const string OurAddress = "10.77.0.1";
    public const string PeerAddress = "10.77.0.2";

    public StrongSwanPair()
    {
        PeerPrograms.RequireTools();
        Lab = new Lab();
        Ours = Lab.AddHost("ours");
        PeerHost = Lab.AddHost("sw");
        Lab.Link(Ours, OurAddress + "/24", PeerHost, PeerAddress + "/24");
        Peer = Lab.Own(new StrongSwanPeer(PeerHost));
    }

    public Lab Lab { get; }

    public LabHost Ours { get; }

    public LabHost PeerHost { get; }

    public StrongSwanPeer Peer { get; }

    /// <summary>strongSwan's side of the host-to-host tunnel (IDs are the addresses, as Windows sends them).</summary>
    public static SwanctlConnection Connection(string proposals = "aes128-sha1-modp2048", string espProposals = "aes128-sha1") => new()
    {
        LocalAddress = PeerAddress,
        RemoteAddress = OurAddress,
        LocalId = PeerAddress,
        RemoteId = OurAddress,
        Proposals = proposals,
        EspProposals = espProposals,
    };

    /// <summary>Writes our policy, starts strongSwan with <paramref name="connection"/> and our engine, and the servers on both sides.</summary>
    public void Start(string ourPolicy, SwanctlConnection connection)
    {
        Ours.RunScript(ourPolicy);
        Peer.Start();
        InteropMatrix.NoteVersion("strongSwan", StrongSwanPeer.Version);
        Peer.Load(connection);
        Ours.StartEngine();
        foreach (var host in new[] { Ours, PeerHost })
        {
            host.StartTcpServer(WireEvidence.TcpPort);
            host.StartUdpServer(WireEvidence.UdpPort);
        }
    }

    /// <summary>
    /// Brings the tunnel up from <paramref name="initiator"/>'s side: our engine on its first
    /// packet to the peer, strongSwan with swanctl --initiate.
    /// </summary>
    public void Establish(Initiator initiator, string child)
    {
        if (initiator == Initiator.Engine)
        {
            if (!Ours.Ping(PeerAddress, TimeSpan.FromSeconds(15)))
            {
                Assert.Fail("no answer through the tunnel\n" + Diagnostics());
            }
        }
        else
        {
            var (code, output) = Peer.Initiate(child);
            if (code != 0)
            {
                Assert.Fail($"swanctl --initiate failed:\n{output}\n{Diagnostics()}");
            }
        }

        if (!Ours.WaitForEngineLog("Mode: Data Protection Mode (Quick Mode)", TimeSpan.FromSeconds(10)))
        {
            Assert.Fail("no quick mode SA in the engine log\n" + Diagnostics());
        }
    }

    /// <summary>ICMP, TCP and UDP from <paramref name="from"/> to <paramref name="to"/>: all answered.</summary>
    public static void AssertTraffic(LabHost from, string to)
    {
        Assert.Equal(3, from.PingCount(to, 3));
        Assert.True(from.TcpRequest(to, WireEvidence.TcpPort), $"TCP {from.Name} -> {to}:{WireEvidence.TcpPort} got no answer");
        Assert.True(from.UdpRequest(to, WireEvidence.UdpPort), $"UDP {from.Name} -> {to}:{WireEvidence.UdpPort} got no answer");
    }

    /// <summary>Both logs, for assertion messages.</summary>
    public string Diagnostics() =>
        $"----- engine log:\n{Ours.EngineLog}\n----- IKE trace:\n{Ours.IkeTrace}\n----- charon log:\n{Peer.Log}\n----- swanctl --list-sas:\n{Peer.ListSas()}";

    public void Dispose() => Lab.Dispose();
}
