using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Interop.Labs;

namespace Interop.L2tp;

/// <summary>
/// What tshark makes of the L2TP we sent in a capture: every frame from our address on UDP 1701
/// decodes as L2TP, every data message as PPP with the protocol inside named (LCP, PAP, CHAP,
/// IPCP, IP), and none is malformed or raises an expert warning or error.
/// </summary>
internal static class L2tpWire
{
    private static readonly Dictionary<string, string> MessageNames = new(StringComparer.Ordinal)
    {
        ["1"] = "SCCRQ", ["2"] = "SCCRP", ["3"] = "SCCCN", ["4"] = "StopCCN", ["6"] = "HELLO", ["7"] = "OCRQ", ["8"] = "OCRP",
        ["9"] = "OCCN", ["10"] = "ICRQ", ["11"] = "ICRP", ["12"] = "ICCN", ["14"] = "CDN", ["15"] = "WEN", ["16"] = "SLI",
    };

    /// <summary>
    /// Asserts the above for the frames <paramref name="ourAddress"/> sent and returns what they were,
    /// e.g. "SCCRQ, SCCCN, ICRQ, ICCN, CDN, StopCCN, 4 ZLB; PPP: lcp 4, pap 1, ipcp 3, ip 3". With
    /// <paramref name="keys"/> (a Wireshark profile directory from Export-IpSecWiresharkKey) the L2TP
    /// inside ESP is judged, decrypted.
    /// </summary>
    public static string AssertOurFramesDecodeClean(PacketCapture capture, string ourAddress, string? keys = null)
    {
        var ours = $"ip.src == {ourAddress} && udp.port == 1701";
        var all = capture.Fields(keys, ours, "frame.number", "frame.protocols");
        Assert.NotEmpty(all);
        var notL2tp = all.Where(line => !line.Split('\t')[1].Split(':').Contains("l2tp")).ToList();
        Assert.True(notL2tp.Count == 0, "frames we sent on UDP 1701 that tshark does not decode as L2TP:\n" + string.Join("\n", notL2tp));

        var control = capture.Fields(keys, $"{ours} && l2tp.type == 1", "frame.number", "l2tp.avp.message_type");
        var data = capture.Fields(keys, $"{ours} && l2tp.type == 0", "frame.number", "frame.protocols");
        var withoutPpp = data.Where(line => !line.Split('\t')[1].Split(':').Contains("ppp")).ToList();
        Assert.True(withoutPpp.Count == 0, "data messages we sent that tshark does not decode as PPP:\n" + string.Join("\n", withoutPpp));

        var problems = capture.Problems(keys, ours);
        Assert.True(problems.Count == 0, $"tshark objects to {problems.Count} of the {all.Count} L2TP frames we sent:\n" +
            string.Join("\n", problems) + $"\ncapture: {capture.Path}");

        var messages = control.Select(line => line.Split('\t').ElementAtOrDefault(1) ?? string.Empty)
            .Select(type => type.Length == 0 ? null : MessageNames.GetValueOrDefault(type, "type " + type)).ToList();
        var zlb = messages.Count(name => name is null);
        var pppProtocols = data.Select(line => line.Split('\t')[1].Split(':'))
            .Select(layers => layers.SkipWhile(layer => layer != "ppp").Skip(1).FirstOrDefault() ?? "ppp")
            .GroupBy(protocol => protocol).Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} {group.Count()}"));
        return $"{all.Count} frames we sent decode clean in tshark: {string.Join(", ", messages.Where(name => name is not null))}, {zlb} ZLB; " +
            $"PPP: {string.Join(", ", pppProtocols)}";
    }
}
