using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Engine.Host.Tests.Support.Tshark;

/// <summary>
/// Runs tshark on a capture with a given Wireshark configuration directory (a profile: the UAT
/// files in it are what tshark decrypts with) and returns the PDML dissection per frame. tshark is
/// required (test.sh installs it); without it the test fails with the install command.
/// </summary>
internal static class TsharkRunner
{
    public const string InstallHint =
        "tshark is required by the Wireshark key export tests: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tshark";

    public static IReadOnlyList<DissectedPacket> Dissect(string pcapPath, string configurationDirectory, params string[] preferences)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["WIRESHARK_CONFIG_DIR"] = configurationDirectory;
        start.Environment["XDG_CONFIG_HOME"] = configurationDirectory;
        foreach (var argument in new[] { "-n", "-r", pcapPath, "-T", "pdml" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var preference in preferences)
        {
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(preference);
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
