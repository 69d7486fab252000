using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Interop.Support;

namespace Interop.Labs;

/// <summary>
/// tcpdump on one interface of a lab host, read back with tshark: what crossed the wire, whether
/// tshark finds anything wrong in it, and what it decrypts with a Wireshark profile of keys. Immediate
/// mode, or packets still in libpcap's ring when it is stopped are counted but never written; -Z
/// root, or tcpdump drops to its own user and cannot write into the root-owned scratch directory.
/// </summary>
internal sealed class PacketCapture : IDisposable
{
    /// <summary>ESP and IKE as tshark dissects them, raw or in UDP 4500 (udpencap).</summary>
    public const string IpsecFilter = "(isakmp || esp)";

    private readonly Process tcpdump;
    private readonly StringBuilder output;

    private PacketCapture(LabHost host, string interfaceName, string? captureFilter)
    {
        Path = System.IO.Path.Combine(host.Scratch, $"capture-{interfaceName}-{Guid.NewGuid():N}.pcap");
        var arguments = new List<string> { "-n", "-U", "--immediate-mode", "-Z", "root", "-i", interfaceName, "-w", Path };
        if (captureFilter is not null)
        {
            arguments.Add(captureFilter);
        }

        tcpdump = host.Start("tcpdump", arguments, out output);
        var started = Wait.Until(() => Output.Contains("listening on", StringComparison.Ordinal) || tcpdump.HasExited, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20));
        Assert.True(started && !tcpdump.HasExited, $"tcpdump did not start: {Output}");
    }

    public string Path { get; }

    private string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>IKE only: UDP 500, and UDP 4500 with the non-ESP marker (four zero bytes where ESP has its SPI).</summary>
    public const string IkeOnlyCaptureFilter = "udp port 500 or (udp port 4500 and udp[8:4] = 0)";

    /// <summary>Starts tcpdump on <paramref name="interfaceName"/>, with a pcap-filter expression when given.</summary>
    public static PacketCapture Start(LabHost host, string interfaceName, string? captureFilter = null) => new(host, interfaceName, captureFilter);

    /// <summary>Stops the capture (idempotent); every reading method stops it first.</summary>
    public void Stop()
    {
        if (!tcpdump.HasExited)
        {
            Command.Check("kill", "-INT", tcpdump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(Command.Exited(tcpdump, TimeSpan.FromSeconds(10)), Output);
        }
    }

    /// <summary>Each frame's protocol stack as tshark names it (e.g. "eth:ethertype:ip:udp:udpencap:esp"), for frames matching <paramref name="displayFilter"/>.</summary>
    public IReadOnlyList<string> Frames(string displayFilter = "!arp && !icmpv6") => Fields(null, displayFilter, "frame.protocols");

    /// <summary>The same with the ESP and IKE keys of a Wireshark profile directory (Export-IpSecWiresharkKey's output).</summary>
    public IReadOnlyList<string> DecryptedFrames(string profileDirectory, string displayFilter) =>
        Fields(profileDirectory, displayFilter, "frame.protocols");

    /// <summary>
    /// Tab-separated values of <paramref name="fields"/> for each frame matching
    /// <paramref name="displayFilter"/>, dissected with the keys in <paramref name="profileDirectory"/>
    /// (null: none) and with ESP decryption and ICV checking on.
    /// </summary>
    public IReadOnlyList<string> Fields(string? profileDirectory, string displayFilter, params string[] fields)
    {
        Stop();
        var arguments = new List<string>
        {
            "-n", "-r", Path,
            "-o", "esp.enable_encryption_decode:TRUE", "-o", "esp.enable_authentication_check:TRUE",
            "-Y", displayFilter, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,",
        };
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        // An empty configuration directory when no keys are given: the machine's own profile never leaks in.
        var configuration = profileDirectory ?? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "wireshark-empty");
        System.IO.Directory.CreateDirectory(configuration);
        var environment = new Dictionary<string, string>
        {
            ["WIRESHARK_CONFIG_DIR"] = configuration,
            ["XDG_CONFIG_HOME"] = configuration,
        };
        var (code, text) = Command.Run("tshark", arguments, environment, TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"tshark {string.Join(" ", arguments)}:\n{text}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith("Running as", StringComparison.Ordinal))
            .Select(line => line.TrimEnd('\r'))
            .ToList();
    }

    /// <summary>
    /// What tshark objects to in the frames matching <paramref name="displayFilter"/>: malformed
    /// packets and expert information of severity warning or error, with the keys of
    /// <paramref name="profileDirectory"/> so decrypted payloads and ICVs are checked too.
    /// </summary>
    public IReadOnlyList<TsharkProblem> Problems(string? profileDirectory, string displayFilter) =>
        Fields(profileDirectory, $"({displayFilter}) && (_ws.malformed || _ws.expert.severity >= 0x600000)",
                "frame.number", "frame.protocols", "_ws.expert.message")
            .Select(line => line.Split('\t'))
            .Select(parts => new TsharkProblem(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                parts.ElementAtOrDefault(1) ?? string.Empty, parts.ElementAtOrDefault(2) ?? string.Empty))
            .ToList();

    /// <summary>The UDP payload of each frame matching <paramref name="displayFilter"/> by frame number, as hex.</summary>
    public IReadOnlyDictionary<int, string> UdpPayloads(string displayFilter) =>
        Fields(null, displayFilter, "frame.number", "udp.payload")
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length > 1)
            .ToDictionary(parts => int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts => parts[1]);

    public void Dispose()
    {
        Stop();
        tcpdump.Dispose();
    }
}
