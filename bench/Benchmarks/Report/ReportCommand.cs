using System;
using System.Collections.Generic;
using System.IO;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>
/// <c>Benchmarks report --results DIR --out FILE [--started T --finished T --load-start L --load-end L
/// --profile FILE --command TEXT]</c>: writes docs/benchmarks.md from a run's JSON results.
/// </summary>
public static class ReportCommand
{
    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"Unexpected argument '{args[i]}'.");
                return 2;
            }

            options[args[i][2..]] = args[i + 1];
        }

        if (!options.TryGetValue("results", out var results) || !options.TryGetValue("out", out var output))
        {
            Console.Error.WriteLine("Usage: Benchmarks report --results DIR --out FILE [--started T] [--finished T] [--load-start L] [--load-end L] [--profile FILE] [--command TEXT]");
            return 2;
        }

        string Option(string name) => options.TryGetValue(name, out var value) ? value : "not recorded";
        var run = new RunInfo(Option("started"), Option("finished"), Option("load-start"), Option("load-end"), Option("command"));
        var set = ResultSet.Load(results);
        var profile = options.TryGetValue("profile", out var profilePath) && File.Exists(profilePath) ? CpuProfile.Load(profilePath, "PolicyClassifyBenchmarks.Classify()") : null;
        var wholeSystem = File.Exists(output) ? SystemDocument.Extract(File.ReadAllText(output)) : null;
        var text = new BenchmarksDocument(set, MachineInfo.Read(), run, profile, wholeSystem).Write();
        File.WriteAllText(output, text);
        Console.WriteLine($"Wrote {output} from {set.Count} benchmark cases.");
        return 0;
    }
}
