using System;
using System.Linq;
using Interop.Labs;
using Interop.Matrix;
using Interop.Peers;
using Interop.Support;

namespace Interop.Scenarios;

/// <summary>
/// SAs that end: an administrator's Remove-IpSecQuickModeSA and Remove-IpSecMainModeSA (strongSwan
/// learns it through DELETE), and a peer that is gone without a word (SIGKILL), noticed by dead
/// peer detection on the side that is left, which removes the SAs.
/// </summary>
public sealed class SaDeletionTests : IDisposable
{
    private readonly StrongSwanPair pair = new();

    [Theory]
    [InlineData(Initiator.Engine)]
    [InlineData(Initiator.Peer)]
    public void Removing_the_sas_sends_delete_and_strongswan_removes_them_too(Initiator initiator)
    {
        var row = new MatrixRow
        {
            Key = initiator == Initiator.Engine ? "06a" : "06b",
            Peer = StrongSwanPeer.Version,
            Scenario = "Remove-IpSecQuickModeSA, then Remove-IpSecMainModeSA: DELETE to the peer; traffic renegotiates",
            Proposal = "AES128-SHA1-14 / ESP[AES128,SHA1]",
            Initiator = initiator == Initiator.Engine ? "engine" : "strongSwan",
        };
        InteropMatrix.Run(row, () =>
        {
            pair.Start(OurPolicies.HostToHostTunnel(StrongSwanPair.OurAddress, StrongSwanPair.PeerAddress), StrongSwanPair.Connection());
            using var capture = PacketCapture.Start(pair.Ours, pair.Ours.Interface);
            pair.Establish(initiator, "interop");
            Assert.Equal(2, pair.Ours.PingCount(StrongSwanPair.PeerAddress, 2));
            var before = WireEvidence.ExportKeys(pair.Ours); // the SAs about to go, for decrypting our DELETEs
            var outbound = Assert.Single(pair.Peer.OutboundSpis());

            pair.Ours.RunScript("Get-IpSecQuickModeSA | Remove-IpSecQuickModeSA -Confirm:$false");
            // An IKEv1 DELETE names the sender's inbound SPI: strongSwan's outbound one.
            if (!pair.Peer.WaitForLog("received DELETE for ESP CHILD_SA with SPI " + outbound, TimeSpan.FromSeconds(10)))
            {
                Assert.Fail("strongSwan got no DELETE for the quick mode SA\n" + pair.Diagnostics());
            }

            Assert.True(Wait.Until(() => !pair.Peer.ListSas().Contains("INSTALLED", StringComparison.Ordinal), TimeSpan.FromSeconds(5)), pair.Peer.ListSas());
            Assert.True(pair.Ours.WaitForEngineLog("Audit 542 (", TimeSpan.FromSeconds(5)), pair.Ours.EngineLog);

            pair.Ours.RunScript("Get-IpSecMainModeSA | Remove-IpSecMainModeSA -Confirm:$false");
            if (!pair.Peer.WaitForLog("received DELETE for IKE_SA", TimeSpan.FromSeconds(10)))
            {
                Assert.Fail("strongSwan got no DELETE for the main mode SA\n" + pair.Diagnostics());
            }

            Assert.True(Wait.Until(() => !pair.Peer.ListSas().Contains("ESTABLISHED", StringComparison.Ordinal), TimeSpan.FromSeconds(5)), pair.Peer.ListSas());
            Assert.True(pair.Ours.WaitForEngineLog("Audit 543 (", TimeSpan.FromSeconds(5)), pair.Ours.EngineLog);
            var events = pair.Ours.RunScript("""
                Get-IpSecEvent -Id 542, 543 | ForEach-Object { 'event ' + $_.Id + ' reason=' + $_.Data['Reason'] }
                Get-IpSecQuickModeSA | ForEach-Object { 'left: quick mode ' + $_.Id }
                Get-IpSecMainModeSA | ForEach-Object { 'left: main mode ' + $_.Id }
                """);
            Assert.Contains("event 542 reason=DeletedLocally", events);
            Assert.Contains("event 543 reason=DeletedLocally", events);
            Assert.DoesNotContain("left:", events);
            Assert.Contains("[1401]", pair.Ours.EngineLog); // the administrator's deletions are logged as such
            Assert.Contains("[1400]", pair.Ours.EngineLog);

            // The next packet negotiates afresh.
            if (!pair.Ours.Ping(StrongSwanPair.PeerAddress, TimeSpan.FromSeconds(15)))
            {
                Assert.Fail("no new SA after the deletions\n" + pair.Diagnostics());
            }

            var keys = WireEvidence.MergeKeys(pair.Ours, before, WireEvidence.ExportKeys(pair.Ours));
            var evidence = WireEvidence.AssertOurPacketsDecodeAndDecrypt(capture, keys, StrongSwanPair.OurAddress);
            return "strongSwan logged 'received DELETE for ESP CHILD_SA' and 'received DELETE for IKE_SA' and removed both; 542/543 DeletedLocally; " +
                $"new SAs on the next packet; {evidence}";
        });
    }

    public enum Gone
    {
        StrongSwan,
        Engine,
    }

    [Theory]
    [InlineData(Gone.StrongSwan)]
    [InlineData(Gone.Engine)]
    public void A_peer_that_is_gone_is_found_dead_and_its_sas_removed(Gone gone)
    {
        var row = new MatrixRow
        {
            Key = gone == Gone.StrongSwan ? "07a" : "07b",
            Peer = StrongSwanPeer.Version,
            Scenario = gone == Gone.StrongSwan
                ? "peer gone: strongSwan killed (SIGKILL), our DPD (30 s idle, 5 retries 10 s apart) removes the SAs"
                : "peer gone: our engine killed (SIGKILL), strongSwan's DPD (dpd_delay 2 s, dpd_timeout 10 s) removes the SAs",
            Proposal = "AES128-SHA1-14 / ESP[AES128,SHA1]",
            Initiator = gone == Gone.StrongSwan ? "engine" : "strongSwan",
        };
        InteropMatrix.Run(row, () =>
        {
            var connection = StrongSwanPair.Connection() with { DpdDelay = "2s", DpdTimeout = "10s", DpdAction = "clear" };
            pair.Start(OurPolicies.HostToHostTunnel(StrongSwanPair.OurAddress, StrongSwanPair.PeerAddress), connection);
            using var capture = PacketCapture.Start(pair.Ours, pair.Ours.Interface);
            pair.Establish(gone == Gone.StrongSwan ? Initiator.Engine : Initiator.Peer, "interop");
            Assert.Equal(2, pair.Ours.PingCount(StrongSwanPair.PeerAddress, 2));
            var keys = WireEvidence.ExportKeys(pair.Ours); // for decrypting our R-U-THERE and R-U-THERE-ACK

            if (gone == Gone.Engine)
            {
                // strongSwan asks R-U-THERE every 2 s while idle; we answer until we are killed.
                Assert.True(pair.Peer.WaitForLog("N(DPD_ACK)", TimeSpan.FromSeconds(10)), "we did not answer strongSwan's R-U-THERE\n" + pair.Peer.Log);
                pair.Ours.KillEngine();
                if (!pair.Peer.WaitForLog("DPD check timed out", TimeSpan.FromSeconds(30)))
                {
                    Assert.Fail("strongSwan did not find us dead\n" + pair.Peer.Log);
                }

                Assert.True(Wait.Until(() => !pair.Peer.ListSas().Contains("INSTALLED", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), pair.Peer.ListSas());
                var acks = WireEvidence.AssertOurPacketsDecodeAndDecrypt(capture, keys, StrongSwanPair.OurAddress);
                return $"strongSwan logged 'DPD check timed out, enforcing DPD action' and removed its SAs; {acks}";
            }

            pair.Peer.Kill();
            if (!pair.Ours.WaitForEngineLog("Reason: PeerDead", TimeSpan.FromSeconds(120)))
            {
                Assert.Fail("our DPD did not find strongSwan dead within 120 s\n" + pair.Ours.EngineLog + "\n" + pair.Ours.IkeTrace);
            }

            var left = pair.Ours.RunScript("""
                Get-IpSecEvent -Id 542, 543 | ForEach-Object { 'event ' + $_.Id + ' reason=' + $_.Data['Reason'] }
                Get-IpSecQuickModeSA | ForEach-Object { 'left: quick mode ' + $_.Id }
                Get-IpSecMainModeSA | ForEach-Object { 'left: main mode ' + $_.Id }
                """);
            Assert.Contains("event 542 reason=PeerDead", left);
            Assert.Contains("event 543 reason=PeerDead", left);
            Assert.DoesNotContain("left:", left);
            var dpd = pair.Ours.IkeTrace.Split('\n').Count(line => line.Contains("Send:", StringComparison.Ordinal) && line.Contains("N(RUThere seq", StringComparison.Ordinal));
            var evidence = WireEvidence.AssertOurPacketsDecodeAndDecrypt(capture, keys, StrongSwanPair.OurAddress);
            return $"542/543 PeerDead after {dpd} unanswered R-U-THERE; no SA left; {evidence}";
        });
    }

    public void Dispose() => pair.Dispose();
}
