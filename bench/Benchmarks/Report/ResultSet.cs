using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>
/// The cases of one run, read from the <c>*-report-full.json</c> files BenchmarkDotNet writes
/// (one per run with the joined summary; several if the run was split), and the host facts it
/// recorded.
/// </summary>
public sealed class ResultSet
{
    private readonly List<BenchmarkResult> results;

    private ResultSet(List<BenchmarkResult> results, string benchmarkDotNetVersion, string runtimeVersion, string hardwareIntrinsics, IReadOnlyList<string> patches)
    {
        this.results = results;
        Patches = patches;
        BenchmarkDotNetVersion = benchmarkDotNetVersion;
        RuntimeVersion = runtimeVersion;
        HardwareIntrinsics = hardwareIntrinsics;
    }

    public string BenchmarkDotNetVersion { get; }

    /// <summary>
    /// For each report file after the first (a partial rerun that patched the main run): its time and
    /// the benchmark classes it holds, e.g. "13:40:12: PolicyClassifyBenchmarks, DataPlaneClassifyBenchmarks".
    /// </summary>
    public IReadOnlyList<string> Patches { get; }

    public string RuntimeVersion { get; }

    /// <summary>The instruction sets the JIT used, as BenchmarkDotNet reports them.</summary>
    public string HardwareIntrinsics { get; }

    public int Count => results.Count;

    public static ResultSet Load(string directory)
    {
        var files = Directory.GetFiles(directory, "*-report-full.json", SearchOption.AllDirectories).OrderBy(File.GetLastWriteTimeUtc).ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"No BenchmarkDotNet *-report-full.json under {directory}.");
        }

        // A later file wins for the same case, so a partial rerun can patch a full one.
        var byName = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        string version = "?", runtime = "?", intrinsics = "?";
        var patches = new List<string>();
        foreach (var file in files)
        {
            var types = new SortedSet<string>(StringComparer.Ordinal);
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var host = root.GetProperty("HostEnvironmentInfo");
            version = host.GetProperty("BenchmarkDotNetVersion").GetString() ?? version;
            runtime = host.GetProperty("RuntimeVersion").GetString() ?? runtime;
            foreach (var benchmark in root.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object)
                {
                    // A case that failed has no statistics; the document shows it as missing.
                    continue;
                }

                intrinsics = benchmark.TryGetProperty("HardwareIntrinsics", out var hi) ? hi.GetString() ?? intrinsics : intrinsics;
                long? allocated = benchmark.TryGetProperty("Memory", out var memory) && memory.ValueKind == JsonValueKind.Object
                    ? memory.GetProperty("BytesAllocatedPerOperation").GetInt64()
                    : null;
                var result = new BenchmarkResult(
                    benchmark.GetProperty("Type").GetString()!,
                    benchmark.GetProperty("Method").GetString()!,
                    ParseParameters(benchmark.GetProperty("Parameters").GetString() ?? string.Empty),
                    statistics.GetProperty("Median").GetDouble(),
                    statistics.GetProperty("ConfidenceInterval").GetProperty("Margin").GetDouble(),
                    allocated);
                byName[benchmark.GetProperty("FullName").GetString()!] = result;
                types.Add(result.Type);
            }

            if (file != files[0])
            {
                patches.Add($"{File.GetLastWriteTimeUtc(file):yyyy-MM-ddTHH:mm:ssZ}: {string.Join(", ", types)}{RerunLoad(file)}");
            }
        }

        return new ResultSet(byName.Values.ToList(), version, runtime, intrinsics, patches);
    }

    /// <summary>" (load average 1.2 0.9 0.8 at start, ...)" from the load files run-micro.sh --rerun writes above the report.</summary>
    private static string RerunLoad(string reportFile)
    {
        for (var directory = Path.GetDirectoryName(reportFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var start = Path.Combine(directory, "load-start");
            if (File.Exists(start))
            {
                var end = Path.Combine(directory, "load-end");
                return $" (load average {File.ReadAllText(start).Trim()} at start, {(File.Exists(end) ? File.ReadAllText(end).Trim() : "n/a")} at end)";
            }
        }

        return string.Empty;
    }

    /// <summary>The case of <paramref name="type"/>.<paramref name="method"/> with these parameter values, or null.</summary>
    public BenchmarkResult? Find(string type, string method, params (string Name, string Value)[] parameters) =>
        results.FirstOrDefault(r => r.Type == type && r.Method == method && parameters.All(p => r.Parameter(p.Name) == p.Value));

    public IEnumerable<BenchmarkResult> OfType(string type) => results.Where(r => r.Type == type);

    private static Dictionary<string, string> ParseParameters(string text)
    {
        // BenchmarkDotNet writes "Name=Value&Name=Value".
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parameters[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return parameters;
    }
}
