using System;
using System.Linq;
using Interop.L2tp;
using Interop.Labs;
using Interop.Scenarios;

namespace Interop.Vpn;

/// <summary>
/// What a capture between an L2TP/IPsec client and its gateway must show: nothing but IKE and
/// ESP on the wire; with the keys our engine exported, every ESP packet <c>ourAddress</c> sent
/// decrypts (ICV checked) to L2TP on UDP 1701, our IKE decodes clean and decrypts, and the L2TP
/// and PPP inside decode clean (<see cref="L2tpWire"/>); the peer's L2TP inside its ESP decodes too.
/// </summary>
internal static class VpnWire
{
    public static string AssertL2tpOnlyInsideEsp(PacketCapture capture, string keys, string ourAddress, string peerAddress)
    {
        WireEvidence.AssertNothingInTheClear(capture);
        var ike = WireEvidence.AssertOurPacketsDecodeClean(capture, keys, ourAddress);
        var encryptedIke = WireEvidence.AssertOurIkeDecrypts(capture, keys, ourAddress);

        // ESP transport mode: the payload is the UDP datagram itself (next header 17), so tshark
        // shows esp:udp:l2tp where tunnel mode would show esp:ip.
        var esp = capture.Fields(keys, $"ip.src == {ourAddress} && esp", "frame.number", "frame.protocols", "esp.icv_good");
        Assert.NotEmpty(esp);
        var notL2tp = esp.Where(line => line.Split('\t') is var f && (!f[1].Contains(":esp:udp:l2tp", StringComparison.Ordinal) || f.ElementAtOrDefault(2) != "1")).ToList();
        Assert.True(notL2tp.Count == 0, "ESP packets we sent that tshark could not decrypt and authenticate to L2TP (frame, protocols, ICV good):\n" +
            string.Join("\n", notL2tp) + $"\ncapture: {capture.Path}");
        var ours = L2tpWire.AssertOurFramesDecodeClean(capture, ourAddress, keys);

        var theirs = capture.Fields(keys, $"ip.src == {peerAddress} && esp", "frame.protocols");
        var theirL2tp = theirs.Count(protocols => protocols.Contains(":esp:udp:l2tp", StringComparison.Ordinal));
        Assert.True(theirL2tp == theirs.Count && theirs.Count > 0, $"of the peer's {theirs.Count} ESP packets {theirL2tp} decrypt to L2TP:\n" + string.Join("\n", theirs));
        var theirProblems = capture.Problems(keys, $"ip.src == {peerAddress} && udp.port == 1701");
        Assert.True(theirProblems.Count == 0, "tshark objects to the peer's decrypted L2TP:\n" + string.Join("\n", theirProblems) + $"\ncapture: {capture.Path}");

        return $"on the wire only IKE and ESP; {ike} IKE/ESP packets we sent decode clean ({encryptedIke} encrypted IKE decrypted), " +
            $"our {esp.Count} ESP packets decrypt to L2TP: {ours}; the peer's {theirs.Count} ESP packets decrypt to L2TP that decodes clean";
    }
}
