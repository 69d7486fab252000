using System;
using Interop.Labs;
using Interop.Matrix;
using Interop.Peers;

namespace Interop.Scenarios;

/// <summary>
/// Subnet to subnet through two gateways, our engine on one, strongSwan on the other, with hosts
/// behind each: ICMP, TCP and UDP from each subnet to the other, with session key PFS, both ways.
/// <code>
///   lan1 10.1.0.10 ── 10.1.0.1 [gwa: engine] 198.51.100.1 ── 198.51.100.2 [gwb: strongSwan] 10.2.0.1 ── 10.2.0.10 lan2
/// </code>
/// </summary>
public sealed class SiteToSiteTunnelTests : IDisposable
{
    private const string OurGateway = "198.51.100.1";
    private const string PeerGateway = "198.51.100.2";
    private const string OurSubnet = "10.1.0.0/24";
    private const string PeerSubnet = "10.2.0.0/24";
    private const string OurLanHost = "10.1.0.10";
    private const string PeerLanHost = "10.2.0.10";

    private readonly Lab lab = new();

    [Theory]
    [InlineData(Initiator.Engine)]
    [InlineData(Initiator.Peer)]
    public void Subnets_reach_each_other_through_the_gateways(Initiator initiator)
    {
        var row = new MatrixRow
        {
            Key = initiator == Initiator.Engine ? "03a" : "03b",
            Peer = StrongSwanPeer.Version,
            Scenario = "subnet-to-subnet through two gateways, ICMP/TCP/UDP from both subnets, PFS",
            Mode = "IKEv1 main mode PSK, tunnel 10.1.0.0/24 <-> 10.2.0.0/24",
            Proposal = "AES256-SHA256-14 / ESP[AESGCM256,None] + PFS 14",
            Initiator = initiator == Initiator.Engine ? "engine" : "strongSwan",
        };
        InteropMatrix.Run(row, () =>
        {
            PeerPrograms.RequireTools();
            var gatewayA = lab.AddHost("gwa");
            var gatewayB = lab.AddHost("gwb");
            var lan1 = lab.AddHost("lan1");
            var lan2 = lab.AddHost("lan2");
            Lab.Link(gatewayA, OurGateway + "/24", gatewayB, PeerGateway + "/24"); // first links: what the engine and charon use
            Lab.Link(lan1, OurLanHost + "/24", gatewayA, "10.1.0.1/24");
            Lab.Link(lan2, PeerLanHost + "/24", gatewayB, "10.2.0.1/24");
            Lab.Forward(gatewayA);
            Lab.Forward(gatewayB);
            Lab.Route(lan1, "default", "10.1.0.1");
            Lab.Route(lan2, "default", "10.2.0.1");
            Lab.Route(gatewayA, PeerSubnet, PeerGateway);
            Lab.Route(gatewayB, OurSubnet, OurGateway); // until charon's route into its TUN device takes over

            gatewayA.RunScript(OurPolicies.SiteToSite(OurSubnet, PeerSubnet, OurGateway, PeerGateway,
                mainMode: ["AES256-SHA256-14"], quickMode: ["ESP[AESGCM256,None]"], pfs: true));
            var strongSwan = lab.Own(new StrongSwanPeer(gatewayB));
            strongSwan.Start();
            InteropMatrix.NoteVersion("strongSwan", StrongSwanPeer.Version);
            strongSwan.Load(new SwanctlConnection
            {
                LocalAddress = PeerGateway,
                RemoteAddress = OurGateway,
                LocalId = PeerGateway,
                RemoteId = OurGateway,
                Proposals = "aes256-sha256-modp2048",
                EspProposals = "aes256gcm16-modp2048",
                LocalTs = PeerSubnet,
                RemoteTs = OurSubnet,
            });
            gatewayA.StartEngine();
            foreach (var host in new[] { lan1, lan2 })
            {
                host.StartTcpServer(WireEvidence.TcpPort);
                host.StartUdpServer(WireEvidence.UdpPort);
            }

            using var capture = PacketCapture.Start(gatewayA, gatewayA.Interface);
            string Logs() => $"----- engine log:\n{gatewayA.EngineLog}\n----- charon log:\n{strongSwan.Log}";
            if (initiator == Initiator.Engine)
            {
                if (!lan1.Ping(PeerLanHost, TimeSpan.FromSeconds(15)))
                {
                    Assert.Fail("lan1 cannot reach lan2\n" + Logs());
                }
            }
            else
            {
                var (code, output) = strongSwan.Initiate("interop");
                if (code != 0)
                {
                    Assert.Fail($"swanctl --initiate failed:\n{output}\n{Logs()}");
                }
            }

            StrongSwanPair.AssertTraffic(initiator == Initiator.Engine ? lan1 : lan2, initiator == Initiator.Engine ? PeerLanHost : OurLanHost);
            StrongSwanPair.AssertTraffic(initiator == Initiator.Engine ? lan2 : lan1, initiator == Initiator.Engine ? OurLanHost : PeerLanHost);
            Assert.Contains($"TS {PeerSubnet} === {OurSubnet}", strongSwan.Log);
            Assert.Contains("selected proposal: ESP:AES_GCM_16_256/MODP_2048/NO_EXT_SEQ", strongSwan.Log);

            var keys = WireEvidence.ExportKeys(gatewayA);
            WireEvidence.AssertNothingInTheClear(capture);
            return WireEvidence.AssertOurPacketsDecodeAndDecrypt(capture, keys, OurGateway);
        });
    }

    public void Dispose() => lab.Dispose();
}
