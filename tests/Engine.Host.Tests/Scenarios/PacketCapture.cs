using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Engine.Host.Tests.Support;

namespace Engine.Host.Tests.Scenarios;

/// <summary>
/// tcpdump on one interface of a lab host, read back with tshark: what crossed the wire. Immediate
/// mode, or packets still in libpcap's ring when it is stopped are counted but never written; -Z
/// root, or tcpdump drops to its own user and cannot write into the root-owned scratch directory.
/// </summary>
internal sealed class PacketCapture : IDisposable
{
    private readonly Process tcpdump;
    private readonly StringBuilder output;

    private PacketCapture(LabHost host, string interfaceName)
    {
        Path = System.IO.Path.Combine(host.Scratch, $"capture-{interfaceName}-{Guid.NewGuid():N}.pcap");
        tcpdump = host.Start("tcpdump", new[] { "-n", "-U", "--immediate-mode", "-Z", "root", "-i", interfaceName, "-w", Path }, out output);
        var watch = Stopwatch.StartNew();
        while (!Command.Text(output).Contains("listening on", StringComparison.Ordinal))
        {
            // 30 s: a loaded 2-core machine has been seen to take over 10 s to start it.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30) && !tcpdump.HasExited, $"tcpdump did not start: {Command.Text(output)}");
            System.Threading.Thread.Sleep(20);
        }
    }

    public string Path { get; }

    public static PacketCapture Start(LabHost host, string interfaceName) => new(host, interfaceName);

    /// <summary>Stops the capture; then <see cref="Frames"/> reads it.</summary>
    public void Stop()
    {
        if (!tcpdump.HasExited)
        {
            Command.Check("kill", "-INT", tcpdump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(Command.Exited(tcpdump, TimeSpan.FromSeconds(10)), output.ToString());
        }
    }

    /// <summary>Each frame's protocol stack as tshark names it (e.g. "eth:ethertype:ip:esp"), with tshark's options.</summary>
    public IReadOnlyList<string> Frames(params string[] tsharkOptions) => Dissect(null, tsharkOptions);

    /// <summary>
    /// The same with the ESP and IKE keys of a Wireshark profile directory (what
    /// Export-IpSecWiresharkKey writes): decrypted frames show what ESP carried ("...:esp:icmp:data").
    /// </summary>
    public IReadOnlyList<string> DecryptedFrames(string profileDirectory, params string[] tsharkOptions) =>
        Dissect(profileDirectory, ["-o", "esp.enable_encryption_decode:TRUE", "-o", "esp.enable_authentication_check:TRUE", .. tsharkOptions]);

    private IReadOnlyList<string> Dissect(string? profileDirectory, string[] tsharkOptions)
    {
        Stop();
        var arguments = new List<string> { "-n", "-r", Path, "-T", "fields", "-e", "frame.protocols" };
        arguments.AddRange(tsharkOptions);
        var environment = profileDirectory is null ? null : new Dictionary<string, string>
        {
            ["WIRESHARK_CONFIG_DIR"] = profileDirectory,
            ["XDG_CONFIG_HOME"] = profileDirectory,
        };
        var (code, text) = Command.Run("tshark", arguments, environment);
        Assert.True(code == 0, text);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("Running as", StringComparison.Ordinal)).ToList();
    }

    public void Dispose()
    {
        Stop();
        tcpdump.Dispose();
    }
}
