using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>
/// The figures of one whole-system run: results.tsv as bench/system/*.sh write it (section, case,
/// key, value per line) and the files beside it (profiles).
/// </summary>
public sealed class SystemResults
{
    private readonly Dictionary<(string Section, string Case, string Key), string> values = new();
    private readonly List<(string Section, string Case)> order = new();

    private SystemResults(string directory) => Directory = directory;

    public string Directory { get; }

    public static SystemResults Load(string directory)
    {
        var results = new SystemResults(directory);
        var path = Path.Combine(directory, "results.tsv");
        if (File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path))
            {
                var parts = line.Split('\t');
                if (parts.Length == 4)
                {
                    results.values[(parts[0], parts[1], parts[2])] = parts[3];
                    if (!results.order.Contains((parts[0], parts[1])))
                    {
                        results.order.Add((parts[0], parts[1]));
                    }
                }
            }
        }

        return results;
    }

    public bool HasSection(string section) => values.Keys.Any(k => k.Section == section);

    /// <summary>The cases of a section other than <c>meta</c>, in the order results.tsv first names them.</summary>
    public IReadOnlyList<string> Cases(string section) =>
        order.Where(c => c.Section == section && c.Case != "meta").Select(c => c.Case).ToList();

    public string? Text(string section, string @case, string key) =>
        values.TryGetValue((section, @case, key), out var value) && value.Length > 0 ? value : null;

    public double Number(string section, string @case, string key) =>
        Text(section, @case, key) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : double.NaN;

    public string? ReadFile(string name)
    {
        var path = Path.Combine(Directory, name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
