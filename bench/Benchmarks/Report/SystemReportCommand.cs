using System;
using System.Collections.Generic;
using System.IO;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>
/// <c>Benchmarks system-report --results DIR --out FILE [--started T --finished T --load-start L --load-end L]</c>:
/// writes the whole-system section into FILE (docs/benchmarks.md) between its markers, leaving the
/// micro benchmarks' part as it is.
/// </summary>
public static class SystemReportCommand
{
    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("results", out var results) || !options.TryGetValue("out", out var output))
        {
            Console.Error.WriteLine("Usage: Benchmarks system-report --results DIR --out FILE [--started T] [--finished T] [--load-start L] [--load-end L]");
            return 2;
        }

        string Option(string name) => options.TryGetValue(name, out var value) ? value : "not recorded";
        var run = new RunInfo(Option("started"), Option("finished"), Option("load-start"), Option("load-end"), "bench/run-system.sh");
        var block = new SystemDocument(SystemResults.Load(results), run).Write();
        var document = File.Exists(output) ? File.ReadAllText(output) : "# Benchmarks\n";
        File.WriteAllText(output, SystemDocument.Splice(document, block));
        Console.WriteLine($"Wrote the whole-system section of {output} from {results}.");
        return 0;
    }
}
