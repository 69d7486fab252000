using System;
using System.Linq;
using Interop.Labs;
using Interop.Matrix;
using Interop.Peers;

namespace Interop.Scenarios;

/// <summary>
/// Negotiations that must fail, both ways, and what each side says about it: on our side the 547
/// audit event with its reason (Get-IpSecEvent, the engine log) and the IKE trace's line; in
/// strongSwan's log what it received from us.
/// </summary>
public sealed class NegotiationFailureTests : IDisposable
{
    private readonly StrongSwanPair pair = new();

    public enum Failure
    {
        WrongPreSharedKey,
        NoCommonMainModeProposal,
        NoCommonQuickModeProposal,
    }

    [Theory]
    [InlineData(Failure.WrongPreSharedKey, Initiator.Engine)]
    [InlineData(Failure.WrongPreSharedKey, Initiator.Peer)]
    [InlineData(Failure.NoCommonMainModeProposal, Initiator.Engine)]
    [InlineData(Failure.NoCommonMainModeProposal, Initiator.Peer)]
    [InlineData(Failure.NoCommonQuickModeProposal, Initiator.Engine)]
    [InlineData(Failure.NoCommonQuickModeProposal, Initiator.Peer)]
    public void Failed_negotiation_is_audited_and_the_peer_is_told(Failure failure, Initiator initiator)
    {
        var (key, scenario, proposal) = failure switch
        {
            Failure.WrongPreSharedKey => ("05a", "wrong pre-shared key", "AES128-SHA1-14 / ESP[AES128,SHA1]; keys differ"),
            Failure.NoCommonMainModeProposal => ("05b", "no common main mode proposal", "AES128-SHA1-14 vs strongSwan aes256-sha256-modp2048"),
            _ => ("05c", "no common quick mode proposal", "ESP[AES128,SHA1] vs strongSwan aes256-sha256"),
        };
        var row = new MatrixRow
        {
            Key = key + (initiator == Initiator.Engine ? "1" : "2"),
            Peer = StrongSwanPeer.Version,
            Scenario = scenario,
            Proposal = proposal,
            Initiator = initiator == Initiator.Engine ? "engine" : "strongSwan",
        };
        InteropMatrix.Run(row, () =>
        {
            var connection = failure switch
            {
                Failure.WrongPreSharedKey => StrongSwanPair.Connection() with { Secret = "not the key the engine has" },
                Failure.NoCommonMainModeProposal => StrongSwanPair.Connection("aes256-sha256-modp2048"),
                _ => StrongSwanPair.Connection(espProposals: "aes256-sha256"),
            };
            pair.Start(OurPolicies.HostToHostTunnel(StrongSwanPair.OurAddress, StrongSwanPair.PeerAddress), connection);
            using var capture = PacketCapture.Start(pair.Ours, pair.Ours.Interface);

            if (initiator == Initiator.Engine)
            {
                Assert.Equal(0, pair.Ours.PingCount(StrongSwanPair.PeerAddress, 1));
            }
            else
            {
                // With a wrong key strongSwan resends message 5 until its retransmissions run out: do not wait for that.
                var (code, output) = pair.Peer.Initiate("interop", timeoutSeconds: 5);
                Assert.True(code != 0, "swanctl --initiate succeeded:\n" + output);
            }

            if (!pair.Ours.WaitForEngineLog("Audit 547 (", TimeSpan.FromSeconds(20)))
            {
                Assert.Fail("no 547 on our side within 20 s\n" + pair.Diagnostics());
            }

            var (mode, reason, theirLog) = (failure, initiator) switch
            {
                // strongSwan cannot decrypt our message 5 and answers PAYLOAD-MALFORMED encrypted under its own key.
                (Failure.WrongPreSharedKey, Initiator.Engine) => ("MainMode", "AuthenticationFailed", "message parsing failed"),
                // Our cleartext AUTHENTICATION-FAILED reaches strongSwan, which ignores it once it has keys
                // ("ignoring unprotected INFORMATIONAL") and resends message 5.
                (Failure.WrongPreSharedKey, _) => ("MainMode", "AuthenticationFailed", "[ N(AUTH_FAILED) ]"),
                (Failure.NoCommonMainModeProposal, Initiator.Engine) => ("MainMode", "NoProposalChosen", "no proposal found"),
                (Failure.NoCommonMainModeProposal, _) => ("MainMode", "NoProposalChosen", "received NO_PROPOSAL_CHOSEN error notify"),
                (_, Initiator.Engine) => ("QuickMode", "NoProposalChosen", "no matching proposal found, sending NO_PROPOSAL_CHOSEN"),
                _ => ("QuickMode", "NoProposalChosen", "received NO_PROPOSAL_CHOSEN error notify"),
            };

            var events = pair.Ours.RunScript("""
                Get-IpSecEvent -Id 547 | ForEach-Object { 'event 547 reason=' + $_.Data['Reason'] + ' point=' + $_.Data['FailurePoint'] + ' | ' + $_.Message }
                """);
            Assert.True(events.Contains($"reason={reason}", StringComparison.Ordinal), $"Get-IpSecEvent -Id 547 has no {reason}: {events}\n{pair.Diagnostics()}");
            var trace = $"{mode} failed ({reason}";
            Assert.True(pair.Ours.IkeTrace.Contains(trace, StringComparison.Ordinal), $"the IKE trace has no '{trace}':\n{pair.Ours.IkeTrace}");
            Assert.True(pair.Peer.Log.Contains(theirLog, StringComparison.Ordinal), $"strongSwan's log has no '{theirLog}':\n{pair.Peer.Log}");
            Assert.False(pair.Peer.HasInstalledChild(), pair.Peer.ListSas());

            // What we sent, error notifications included, dissects cleanly (keys of a main mode that
            // failed are not exported: the encrypted messages stay opaque).
            var sent = WireEvidence.AssertOurPacketsDecodeClean(capture, null, StrongSwanPair.OurAddress);

            var traceLine = pair.Ours.IkeTrace.Split('\n').First(line => line.Contains(trace, StringComparison.Ordinal));
            var detail = traceLine[(traceLine.IndexOf("): ", StringComparison.Ordinal) + 3)..].Trim();
            return $"547 {mode} {reason} ({Shorten(detail)}); strongSwan logged '{theirLog}'; {sent} IKE packets sent clean in tshark";
        });
    }

    private static string Shorten(string text) => text.Length <= 140 ? text : text[..140] + "...";

    public void Dispose() => pair.Dispose();
}
