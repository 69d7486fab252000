using System;
using Interop.Labs;
using Interop.Matrix;

namespace Interop.Scenarios;

/// <summary>
/// IKEv1 main mode with a pre-shared key against strongSwan, host-to-host in tunnel mode (the
/// only mode strongSwan's userspace ESP has), both ways: ICMP, TCP and UDP cross in both
/// directions, nothing crosses in the clear, and tshark is content with what we sent and decrypts
/// it with the keys we export.
/// </summary>
public sealed class HostToHostTunnelTests : IDisposable
{
    private readonly StrongSwanPair pair = new();

    [Theory]
    [InlineData(Initiator.Engine)]
    [InlineData(Initiator.Peer)]
    public void Host_to_host_tunnel_carries_icmp_tcp_and_udp_both_ways(Initiator initiator)
    {
        var row = new MatrixRow
        {
            Key = initiator == Initiator.Engine ? "01a" : "01b",
            Peer = "strongSwan",
            Scenario = "host-to-host tunnel, ICMP/TCP/UDP both ways, tshark decodes and decrypts",
            Proposal = "AES128-SHA1-14 / ESP[AES128,SHA1]",
            Initiator = initiator == Initiator.Engine ? "engine" : "strongSwan",
        };
        InteropMatrix.Run(row with { Peer = Peers.StrongSwanPeer.Version }, () =>
        {
            pair.Start(OurPolicies.HostToHostTunnel(StrongSwanPair.OurAddress, StrongSwanPair.PeerAddress), StrongSwanPair.Connection());
            using var capture = PacketCapture.Start(pair.Ours, pair.Ours.Interface);

            pair.Establish(initiator, "interop");
            var (first, second) = initiator == Initiator.Engine ? (pair.Ours, pair.PeerHost) : (pair.PeerHost, pair.Ours);
            StrongSwanPair.AssertTraffic(first, second == pair.Ours ? StrongSwanPair.OurAddress : StrongSwanPair.PeerAddress);
            StrongSwanPair.AssertTraffic(second, first == pair.Ours ? StrongSwanPair.OurAddress : StrongSwanPair.PeerAddress);
            Assert.Contains("TUNNEL-in-UDP", pair.Peer.ListSas());

            var keys = WireEvidence.ExportKeys(pair.Ours);
            WireEvidence.AssertNothingInTheClear(capture);
            return WireEvidence.AssertOurPacketsDecodeAndDecrypt(capture, keys, StrongSwanPair.OurAddress);
        });
    }

    public void Dispose() => pair.Dispose();
}
