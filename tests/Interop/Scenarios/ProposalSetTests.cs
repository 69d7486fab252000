using System;
using Interop.Labs;
using Interop.Matrix;
using Interop.Peers;

namespace Interop.Scenarios;

/// <summary>
/// The proposal sets real clients send (<see cref="ProposalSet.All"/>), configured on strongSwan and
/// matched by our policy's methods, both ways: both sides agree on the same algorithms, the
/// cmdlets report them, traffic crosses, and tshark decrypts our ESP with each cipher.
/// </summary>
public sealed class ProposalSetTests : IDisposable
{
    private readonly StrongSwanPair pair = new();

    public static TheoryData<string, Initiator> Cases()
    {
        var data = new TheoryData<string, Initiator>();
        foreach (var set in ProposalSet.All)
        {
            data.Add(set.Client, Initiator.Engine);
            data.Add(set.Client, Initiator.Peer);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Client_proposal_set_is_matched_by_the_policy(string client, Initiator initiator)
    {
        var set = ProposalSet.Named(client);
        var row = new MatrixRow
        {
            Key = set.Key + (initiator == Initiator.Engine ? "1" : "2"),
            Peer = StrongSwanPeer.Version,
            Scenario = $"{set.Client} proposals (strongSwan: {set.StrongSwanOffer})",
            Proposal = set.Methods,
            Initiator = initiator == Initiator.Engine ? "engine" : "strongSwan",
        };
        InteropMatrix.Run(row, () =>
        {
            pair.Start(OurPolicies.HostToHostTunnel(StrongSwanPair.OurAddress, StrongSwanPair.PeerAddress, mainMode: set.OurMainMode, quickMode: set.OurQuickMode),
                StrongSwanPair.Connection(set.StrongSwanIke, set.StrongSwanEsp));
            using var capture = PacketCapture.Start(pair.Ours, pair.Ours.Interface);

            pair.Establish(initiator, "interop");
            StrongSwanPair.AssertTraffic(pair.Ours, StrongSwanPair.PeerAddress);
            StrongSwanPair.AssertTraffic(pair.PeerHost, StrongSwanPair.OurAddress);

            Assert.Contains($"selected proposal: {set.ExpectedIke}", pair.Peer.Log);
            Assert.Contains($"selected proposal: {set.ExpectedEsp}", pair.Peer.Log);
            var reported = pair.Ours.RunScript("""
                Get-IpSecMainModeSA | ForEach-Object { 'main mode: ' + $_.MainModeMethod }
                Get-IpSecQuickModeSA | ForEach-Object { 'quick mode: ' + $_.SecurityMethod }
                """);
            Assert.Contains($"main mode: {set.ExpectedMainModeMethod}", reported);
            Assert.Contains($"quick mode: {set.ExpectedSecurityMethod}", reported);

            var keys = WireEvidence.ExportKeys(pair.Ours);
            WireEvidence.AssertNothingInTheClear(capture);
            var evidence = WireEvidence.AssertOurPacketsDecodeAndDecrypt(capture, keys, StrongSwanPair.OurAddress);
            return $"{set.ExpectedIke[4..]} + {set.ExpectedEsp[4..].Replace("/NO_EXT_SEQ", string.Empty, StringComparison.Ordinal)}; {evidence}";
        });
    }

    public void Dispose() => pair.Dispose();
}
