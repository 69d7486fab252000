using System;
using System.Linq;
using Interop.Labs;
using Interop.Matrix;
using Interop.Peers;

namespace Interop.Scenarios;

/// <summary>
/// NAT traversal through a real NAT (nftables masquerade with source ports remapped into
/// 40000-49999, UDP 500 and 4500 forwarded to the inside host so that it can be reached too),
/// with strongSwan behind it and with our engine behind it, both ways.
/// <code>
///   inside 10.77.1.2 ── 10.77.1.1 [nat: masquerade as 10.77.0.254] 10.77.0.254 ── 10.77.0.2 outside
/// </code>
/// </summary>
public sealed class NatTraversalTests : IDisposable
{
    private const string InsideAddress = "10.77.1.2";
    private const string NatInside = "10.77.1.1";
    private const string NatPublic = "10.77.0.254";
    private const string OutsideAddress = "10.77.0.2";

    private readonly Lab lab = new();

    public enum BehindNat
    {
        StrongSwan,
        Engine,
    }

    [Theory]
    [InlineData(BehindNat.StrongSwan, Initiator.Engine)]
    [InlineData(BehindNat.StrongSwan, Initiator.Peer)]
    [InlineData(BehindNat.Engine, Initiator.Engine)]
    [InlineData(BehindNat.Engine, Initiator.Peer)]
    public void Tunnel_through_a_nat_with_port_remapping(BehindNat behind, Initiator initiator)
    {
        var row = new MatrixRow
        {
            Key = $"04{(behind == BehindNat.StrongSwan ? "a" : "b")}{(initiator == Initiator.Engine ? "1" : "2")}",
            Peer = StrongSwanPeer.Version,
            Scenario = "host-to-host tunnel through a NAT (masquerade, ports remapped), ICMP/TCP/UDP both ways",
            Proposal = "AES128-SHA1-14 / ESP[AES128,SHA1]",
            Nat = behind == BehindNat.StrongSwan ? "strongSwan behind NAT" : "engine behind NAT",
            Initiator = initiator == Initiator.Engine ? "engine" : "strongSwan",
        };
        InteropMatrix.Run(row, () =>
        {
            PeerPrograms.RequireTools();
            var inside = lab.AddHost("in");
            var nat = lab.AddHost("nat");
            var outside = lab.AddHost("out");
            Lab.Link(inside, InsideAddress + "/24", nat, NatInside + "/24");
            Lab.Link(outside, OutsideAddress + "/24", nat, NatPublic + "/24");
            Lab.Route(inside, "default", NatInside);
            Lab.Route(outside, "default", NatPublic); // the inside address is not routable: traffic to it needs the tunnel
            Lab.Masquerade(nat, "to-out", forwardIkeTo: InsideAddress);

            var (ours, peerHost) = behind == BehindNat.StrongSwan ? (outside, inside) : (inside, outside);
            var strongSwan = lab.Own(new StrongSwanPeer(peerHost));
            if (behind == BehindNat.StrongSwan)
            {
                // We see strongSwan's traffic from its inside address, its IKE and ESP from the NAT.
                ours.RunScript(OurPolicies.HostToHostTunnel(OutsideAddress, InsideAddress, peerGateway: NatPublic));
                strongSwan.Start();
                strongSwan.Load(new SwanctlConnection { LocalAddress = InsideAddress, RemoteAddress = OutsideAddress, LocalId = InsideAddress, RemoteId = OutsideAddress });
            }
            else
            {
                // strongSwan meets us at the NAT's address; our ID and traffic selector are our inside address.
                ours.RunScript(OurPolicies.HostToHostTunnel(InsideAddress, OutsideAddress));
                strongSwan.Start();
                strongSwan.Load(new SwanctlConnection
                {
                    LocalAddress = OutsideAddress,
                    RemoteAddress = NatPublic,
                    LocalId = OutsideAddress,
                    RemoteId = InsideAddress,
                    RemoteTs = InsideAddress + "/32",
                });
            }

            InteropMatrix.NoteVersion("strongSwan", StrongSwanPeer.Version);
            ours.StartEngine();
            foreach (var host in new[] { inside, outside })
            {
                host.StartTcpServer(WireEvidence.TcpPort);
                host.StartUdpServer(WireEvidence.UdpPort);
            }

            var ourAddress = behind == BehindNat.StrongSwan ? OutsideAddress : InsideAddress;
            var peerAddress = behind == BehindNat.StrongSwan ? InsideAddress : OutsideAddress;
            using var capture = PacketCapture.Start(ours, ours.Interface);
            using var publicSide = PacketCapture.Start(nat, "to-out");
            string Logs() => $"----- engine log:\n{ours.EngineLog}\n----- IKE trace:\n{ours.IkeTrace}\n----- charon log:\n{strongSwan.Log}";
            if (initiator == Initiator.Engine)
            {
                if (!ours.Ping(peerAddress, TimeSpan.FromSeconds(15)))
                {
                    Assert.Fail("no answer through the tunnel\n" + Logs());
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

            StrongSwanPair.AssertTraffic(ours, peerAddress);
            StrongSwanPair.AssertTraffic(peerHost, ourAddress);

            // Both saw the NAT: our engine in NAT-D, strongSwan too (it fakes one anyway for its userspace ESP,
            // but then says so: "faking NAT situation").
            Assert.Contains("NAT detected", ours.EngineLog);
            Assert.Contains("UDP-encapsulated", ours.EngineLog);
            var natLine = behind == BehindNat.StrongSwan ? "local host is behind NAT" : "remote host is behind NAT";
            Assert.Contains(natLine, strongSwan.Log);

            // On the public side: only IKE and ESP in UDP 4500, and the side behind the NAT appears as the NAT's
            // address; when it started the exchange, with a port from the remapping range.
            var remapped = publicSide.Fields(null, $"ip.src == {NatPublic} && udp", "udp.srcport").Select(int.Parse).ToList();
            Assert.NotEmpty(remapped);
            var insideInitiated = (behind == BehindNat.Engine) == (initiator == Initiator.Engine);
            if (insideInitiated)
            {
                Assert.Contains(remapped, port => port is >= 40000 and <= 49999);
            }

            WireEvidence.AssertNothingInTheClear(publicSide);
            var keys = WireEvidence.ExportKeys(ours);
            WireEvidence.AssertNothingInTheClear(capture);
            var evidence = WireEvidence.AssertOurPacketsDecodeAndDecrypt(capture, keys, ourAddress);
            return $"NAT-T detected by both, ESP in UDP 4500{(insideInitiated ? ", source ports remapped" : ", through the forwarded ports")}; {evidence}";
        });
    }

    public void Dispose() => lab.Dispose();
}
