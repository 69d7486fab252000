using System.Diagnostics;
using System.IO;
using System.Xml.Linq;

namespace Engine.DataPlane.Tests.Tshark;

/// <summary>
/// Runs tshark on a capture and returns the PDML dissection per frame. tshark is a required tool
/// of this test suite (test.sh installs it): without it the tests fail with the install command
/// rather than pass silently.
/// </summary>
public static class TsharkRunner
{
    public const string InstallHint =
        "tshark is required by the ESP capture tests: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tshark";

    public static IReadOnlyList<DissectedPacket> Dissect(string pcapPath, IEnumerable<string> options)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // A private, empty configuration directory: the user's own preferences and SA tables
        // cannot change what these tests see.
        var configuration = Path.Combine(Path.GetDirectoryName(pcapPath)!, "wireshark-config");
        Directory.CreateDirectory(configuration);
        start.Environment["WIRESHARK_CONFIG_DIR"] = configuration;
        start.Environment["XDG_CONFIG_HOME"] = configuration;

        foreach (var argument in new[] { "-n", "-r", pcapPath, "-T", "pdml" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var option in options)
        {
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(option);
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

    private static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator).Append("/usr/bin"))
        {
            var candidate = Path.Combine(directory, "tshark");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(InstallHint);
    }
}
