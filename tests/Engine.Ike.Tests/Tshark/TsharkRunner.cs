using System.Diagnostics;
using System.IO;
using System.Xml.Linq;

namespace Engine.Ike.Tests.Tshark;

/// <summary>
/// Runs tshark on a capture and returns its PDML (the full dissection tree as XML), one
/// <see cref="DissectedPacket"/> per frame. tshark is a required test tool: when it is missing the
/// test fails with the install command rather than skipping, so a machine without it cannot pass.
/// </summary>
public static class TsharkRunner
{
    public const string InstallHint =
        "tshark is required by the IKE codec tests: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tshark";

    public static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(directory, "tshark");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(InstallHint);
    }

    public static IReadOnlyList<DissectedPacket> Dissect(string pcapPath, params string[] extraArguments)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // -n: no name resolution, so nothing waits on DNS. Wireshark's defaults already send UDP 500
        // to ISAKMP and UDP 4500 through the non-ESP-marker check (udpencap) to ISAKMP or ESP.
        foreach (var argument in new[] { "-n", "-r", pcapPath, "-T", "pdml" }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start");
        var standardError = process.StandardError.ReadToEndAsync();
        var pdml = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("tshark did not finish within 120 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark exited with {process.ExitCode}: {standardError.Result}");
        }

        return XDocument.Parse(pdml).Root!.Elements("packet").Select(packet => new DissectedPacket(packet)).ToArray();
    }
}
