using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// What /proc says about a process at one moment: resident memory (VmRSS, what the issue's
/// per-session target is about), its peak (VmHWM), threads, and CPU time (user + system).
/// </summary>
internal readonly record struct ProcessSample(long RssKilobytes, long PeakRssKilobytes, int Threads, double CpuSeconds)
{
    /// <summary>USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux architecture .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        long Kilobytes(string key) => long.Parse(status.First(line => line.StartsWith(key, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var threads = int.Parse(status.First(line => line.StartsWith("Threads:", StringComparison.Ordinal))
            .Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

        // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
        return new ProcessSample(Kilobytes("VmRSS:"), Kilobytes("VmHWM:"), threads, ticks / ClockTicksPerSecond);
    }
}
