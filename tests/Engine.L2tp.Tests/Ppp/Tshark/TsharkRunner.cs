using System.Diagnostics;
using System.IO;
using System.Xml.Linq;

namespace Engine.L2tp.Tests.Ppp.Tshark;

/// <summary>
/// Runs tshark on a capture and returns the PDML dissection per frame. tshark is required by this
/// suite (as by the data plane's): without it the test fails with the install command.
/// </summary>
public static class TsharkRunner
{
    public const string InstallHint =
        "tshark is required by the PPP capture tests: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tshark";

    public static IReadOnlyList<DissectedFrame> Dissect(string pcapPath)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // A private, empty configuration directory, so the user's preferences change nothing.
        var configuration = Path.Combine(Path.GetDirectoryName(pcapPath)!, "wireshark-config");
        Directory.CreateDirectory(configuration);
        start.Environment["WIRESHARK_CONFIG_DIR"] = configuration;
        start.Environment["XDG_CONFIG_HOME"] = configuration;
        foreach (var argument in new[] { "-n", "-r", pcapPath, "-T", "pdml" })
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

        return XDocument.Parse(pdml).Root!.Elements("packet").Select(packet => new DissectedFrame(packet)).ToArray();
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
