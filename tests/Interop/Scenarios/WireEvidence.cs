using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Interop.Labs;

namespace Interop.Scenarios;

/// <summary>
/// What a capture must show in every scenario: nothing between the peers but IKE and ESP; every
/// IKE and ESP packet our engine sent dissects in tshark without a malformed packet or an expert
/// warning or error; and, with the keys Export-IpSecWiresharkKey wrote, tshark decrypts our ESP
/// (to the inner IP packet, ICV checked) and our encrypted IKEv1 messages.
/// </summary>
internal static class WireEvidence
{
    /// <summary>Ports the scenarios' TCP and UDP servers listen on.</summary>
    public const int TcpPort = 7000;
    public const int UdpPort = 7001;

    /// <summary>Every frame between the two (not ARP, not IPv6 neighbour discovery) is IKE, ESP or a NAT-T keepalive.</summary>
    public static void AssertNothingInTheClear(PacketCapture capture)
    {
        var frames = capture.Frames("!arp && !icmpv6");
        Assert.NotEmpty(frames);
        var clear = frames.Where(f => !f.Contains(":esp", StringComparison.Ordinal) && !f.Contains(":isakmp", StringComparison.Ordinal)
            && !f.EndsWith(":udpencap", StringComparison.Ordinal)).ToList();
        Assert.True(clear.Count == 0, "frames in the clear: " + string.Join(", ", clear.Distinct()));
        Assert.Contains(frames, f => f.EndsWith(":esp", StringComparison.Ordinal));
    }

    /// <summary>
    /// Exports our engine's keys (Export-IpSecWiresharkKey, while the SAs are up) into a profile
    /// directory under the host's scratch; the directory.
    /// </summary>
    public static string ExportKeys(LabHost ours)
    {
        var directory = Path.Combine(ours.Scratch, $"wireshark-{Guid.NewGuid():N}");
        ours.RunScript($"Export-IpSecWiresharkKey -Path '{directory}' -Force | Out-Null");
        Assert.True(File.Exists(Path.Combine(directory, "ikev1_decryption_table")), "Export-IpSecWiresharkKey wrote no ikev1_decryption_table");
        return directory;
    }

    /// <summary>
    /// One profile directory with the keys of several exports (SAs come and go during a scenario:
    /// each export holds the SAs of its moment).
    /// </summary>
    public static string MergeKeys(LabHost ours, params string[] exports)
    {
        var directory = Path.Combine(ours.Scratch, $"wireshark-merged-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        foreach (var table in new[] { "esp_sa", "ikev1_decryption_table" })
        {
            var lines = exports.Select(export => Path.Combine(export, table)).Where(File.Exists)
                .SelectMany(File.ReadAllLines).Where(line => line.Length > 0 && !line.StartsWith('#')).Distinct();
            File.WriteAllLines(Path.Combine(directory, table), lines);
        }

        return directory;
    }

    /// <summary>
    /// tshark finds nothing wrong in what <paramref name="ourAddress"/> sent (IKE and ESP, decrypted
    /// with <paramref name="keys"/>), decrypts every ESP packet we sent to an IP packet with a good ICV,
    /// and decrypts our encrypted IKEv1 messages. Returns a summary for the matrix.
    /// </summary>
    public static string AssertOurPacketsDecodeAndDecrypt(PacketCapture capture, string keys, string ourAddress)
    {
        var sent = AssertOurPacketsDecodeClean(capture, keys, ourAddress);

        // ESP: every packet we sent decrypts to an IP packet, and its ICV checks (AES-GCM: the tag).
        var esp = capture.Fields(keys, $"ip.src == {ourAddress} && esp", "frame.number", "frame.protocols", "esp.icv_good");
        Assert.NotEmpty(esp);
        var undecrypted = esp.Where(line => line.Split('\t') is var f && (!f[1].Contains(":esp:ip", StringComparison.Ordinal) || f[2] != "1")).ToList();
        Assert.True(undecrypted.Count == 0, "ESP packets tshark could not decrypt or authenticate with our keys:\n" + string.Join("\n", undecrypted));

        var ike = AssertOurIkeDecrypts(capture, keys, ourAddress);
        return $"{sent} IKE/ESP packets sent clean in tshark, {esp.Count} ESP and {ike} encrypted IKE decrypted";
    }

    /// <summary>
    /// What we sent (IKE, ESP) dissects without a malformed packet or an expert warning or error;
    /// how many packets. A TCP reset carried inside is not ours to answer for. One exception is tshark's, not ours: a retransmitted encrypted IKEv1
    /// message is byte for byte the earlier copy (RFC 2408 resends the same message), but tshark
    /// chains the CBC IV of a message ID from frame to frame, so it decrypts the copy with the wrong
    /// IV and calls it malformed. Such a frame passes when an earlier frame of ours carried the
    /// same bytes and decoded cleanly, and it dissects cleanly without keys.
    /// </summary>
    public static int AssertOurPacketsDecodeClean(PacketCapture capture, string? keys, string ourAddress)
    {
        var ours = $"ip.src == {ourAddress} && {PacketCapture.IpsecFilter}";
        var sent = capture.Fields(keys, ours, "frame.protocols");
        Assert.NotEmpty(sent);
        // A TCP reset inside the ESP is the hosts' TCP talking (a transfer closed under load), which
        // tshark rates a warning; it says nothing about how we built the packet.
        var problems = capture.Problems(keys, ours).Where(problem => !problem.Message.Equals("Connection reset (RST)", StringComparison.Ordinal)).ToList();
        if (problems.Count > 0)
        {
            var payloads = capture.UdpPayloads($"ip.src == {ourAddress} && isakmp");
            var flagged = problems.Select(problem => problem.Frame).ToHashSet();
            problems = problems.Where(problem => !(payloads.TryGetValue(problem.Frame, out var bytes)
                    && payloads.Any(earlier => earlier.Key < problem.Frame && !flagged.Contains(earlier.Key) && earlier.Value == bytes)
                    && capture.Problems(null, $"frame.number == {problem.Frame}").Count == 0))
                .ToList();
        }

        if (problems.Count > 0)
        {
            Assert.Fail($"tshark objects to {problems.Count} of {sent.Count} packets our engine sent, first {problems[0]}\n" +
                string.Join("\n", problems) + $"\ncapture: {capture.Path}");
        }

        return sent.Count;
    }

    /// <summary>
    /// Every encrypted IKEv1 message we sent (main mode 5/6, quick mode, informational) decrypts
    /// with our exported ISAKMP keys: tshark then lists the payloads inside, and the first is what
    /// RFC 2409 puts first (ID in main mode 5/6, HASH in quick mode and informational). Byte-identical
    /// retransmissions are counted once (see <see cref="AssertOurPacketsDecodeClean"/>). How many
    /// messages there were.
    /// </summary>
    public static int AssertOurIkeDecrypts(PacketCapture capture, string keys, string ourAddress)
    {
        var filter = $"ip.src == {ourAddress} && isakmp && isakmp.flag_e == 1";
        var encrypted = capture.Fields(keys, filter, "frame.number", "isakmp.exchangetype", "isakmp.typepayload");
        Assert.NotEmpty(encrypted);
        var payloads = capture.UdpPayloads(filter);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var opaque = new List<string>();
        var count = 0;
        foreach (var fields in encrypted.Select(line => line.Split('\t')))
        {
            var frame = int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
            if (payloads.TryGetValue(frame, out var bytes) && !seen.Add(bytes))
            {
                continue; // a retransmission
            }

            count++;
            var first = fields.ElementAtOrDefault(2)?.Split(',')[0] ?? string.Empty;
            var expected = fields[1] == "2" ? "5" : "8"; // Identity Protection: ID first; else HASH first
            if (first != expected)
            {
                opaque.Add(string.Join(" ", fields));
            }
        }

        Assert.True(opaque.Count == 0, "encrypted IKE messages tshark could not decrypt with our keys (frame, exchange, payloads):\n" + string.Join("\n", opaque));
        return count;
    }
}
