using System;
using System.IO;
using System.Linq;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>What the document says about the machine, read from /proc (Linux only, like the engine).</summary>
public sealed class MachineInfo
{
    // The flags that decide which crypto path is fast: AES-NI and carry-less multiply for GCM,
    // VAES for wide AES, SHA-NI for SHA-1/SHA-256, AVX-512 for OpenSSL's widest code paths.
    private static readonly string[] InterestingFlags = ["aes", "vaes", "pclmulqdq", "vpclmulqdq", "sha_ni", "avx2", "avx512f", "adx", "bmi2"];

    public string CpuModel { get; private init; } = "unknown";

    public int LogicalCores { get; private init; }

    public string CpuFlags { get; private init; } = string.Empty;

    public string Kernel { get; private init; } = "unknown";

    public string OperatingSystem { get; private init; } = "unknown";

    public string Memory { get; private init; } = "unknown";

    public static MachineInfo Read()
    {
        var cpuinfo = ReadOrEmpty("/proc/cpuinfo").Split('\n');
        string Field(string name) =>
            cpuinfo.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var flags = Field("flags").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var memoryKb = ReadOrEmpty("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var osRelease = ReadOrEmpty("/etc/os-release").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return new MachineInfo
        {
            CpuModel = Field("model name"),
            LogicalCores = Environment.ProcessorCount,
            CpuFlags = string.Join(" ", InterestingFlags.Where(flags.Contains)),
            Kernel = ReadOrEmpty("/proc/sys/kernel/osrelease").Trim(),
            OperatingSystem = osRelease?.Split('=', 2)[1].Trim('"') ?? "unknown",
            Memory = memoryKb is null ? "unknown" : $"{long.Parse(memoryKb, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024} GiB",
        };
    }

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;
}
