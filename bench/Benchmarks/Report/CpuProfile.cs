using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>
/// A CPU sampling profile in speedscope's JSON format, as BenchmarkDotNet's EventPipe profiler
/// writes it next to the .nettrace: per thread, "evented" open/close events of stack frames, with
/// TraceEvent's pseudo frames CPU_TIME and UNMANAGED_CODE_TIME as leaves. Only time whose stack
/// passes through <c>root</c> (the benchmark method) counts, so setup, the harness and the
/// runtime's own threads do not dilute the shares. Exclusive time goes to the deepest real frame
/// (time in native code under it is reported as such); inclusive to every distinct frame on the stack.
/// </summary>
public sealed class CpuProfile
{
    private const string CpuTime = "CPU_TIME";
    private const string UnmanagedTime = "UNMANAGED_CODE_TIME";

    private readonly Dictionary<string, double> exclusive;
    private readonly Dictionary<string, double> inclusive;
    private readonly double total;

    private CpuProfile(Dictionary<string, double> exclusive, Dictionary<string, double> inclusive, double total, string root)
    {
        this.exclusive = exclusive;
        this.inclusive = inclusive;
        this.total = total;
        Root = root;
    }

    /// <summary>The frame (substring of its name) whose time was counted.</summary>
    public string Root { get; }

    /// <summary>Milliseconds of samples under <see cref="Root"/>.</summary>
    public double TotalMilliseconds => total;

    public static CpuProfile Load(string path, string root)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var element = document.RootElement;
        var names = element.GetProperty("shared").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();

        var exclusive = new Dictionary<string, double>(StringComparer.Ordinal);
        var inclusive = new Dictionary<string, double>(StringComparer.Ordinal);
        double total = 0;
        foreach (var thread in element.GetProperty("profiles").EnumerateArray())
        {
            if (thread.GetProperty("type").GetString() != "evented")
            {
                continue;
            }

            var stack = new List<int>();
            double? last = null;
            foreach (var e in thread.GetProperty("events").EnumerateArray())
            {
                var at = e.GetProperty("at").GetDouble();
                if (last is double previous && stack.Count > 0)
                {
                    Attribute(stack.Select(i => names[i]).ToList(), at - previous);
                }

                last = at;
                var index = e.GetProperty("frame").GetInt32();
                if (e.GetProperty("type").GetString() == "O")
                {
                    stack.Add(index);
                    continue;
                }

                var top = stack.LastIndexOf(index);
                if (top >= 0)
                {
                    stack.RemoveRange(top, stack.Count - top);
                }
            }
        }

        return new CpuProfile(exclusive, inclusive, total, root);

        void Attribute(List<string> frames, double span)
        {
            var start = frames.FindIndex(f => f.Contains(root, StringComparison.Ordinal));
            if (start < 0 || span <= 0)
            {
                return;
            }

            total += span;
            var below = frames.Skip(start).ToList();
            var leaf = below[^1];
            var owner = below.LastOrDefault(f => f is not CpuTime and not UnmanagedTime) ?? leaf;
            var key = leaf == UnmanagedTime ? $"native code under {Short(owner)}" : Short(owner);
            exclusive[key] = exclusive.GetValueOrDefault(key) + span;
            foreach (var frame in below.Where(f => f is not CpuTime and not UnmanagedTime).Select(Short).Distinct())
            {
                inclusive[frame] = inclusive.GetValueOrDefault(frame) + span;
            }
        }
    }

    /// <summary>The frames with the most exclusive time, with their inclusive share.</summary>
    public IEnumerable<ProfileFrame> TopExclusive(int count) =>
        exclusive.OrderByDescending(e => e.Value).Take(count)
            .Select(e => new ProfileFrame(e.Key, e.Value / total, inclusive.GetValueOrDefault(e.Key, e.Value) / total));

    /// <summary>The exclusive share of the frames whose short name contains every one of <paramref name="parts"/>.</summary>
    public double ExclusiveShare(params string[] parts) =>
        exclusive.Where(e => parts.All(p => e.Key.Contains(p, StringComparison.Ordinal))).Sum(e => e.Value) / total;

    /// <summary>
    /// "Module!Namespace.Type.Method(arguments)" as "Type.Method": enough to find it, short enough
    /// for a table.
    /// </summary>
    private static string Short(string frame)
    {
        var name = frame;
        var bang = name.IndexOf('!', StringComparison.Ordinal);
        if (bang >= 0)
        {
            name = name[(bang + 1)..];
        }

        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren];
        }

        // Keep the last two dotted parts (type and method), generic arguments included.
        var parts = SplitOutsideBrackets(name);
        return parts.Count <= 2 ? name : string.Join(".", parts.Skip(parts.Count - 2));
    }

    private static List<string> SplitOutsideBrackets(string name)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < name.Length; i++)
        {
            depth += name[i] switch { '[' or '<' => 1, ']' or '>' => -1, _ => 0 };
            if (name[i] == '.' && depth == 0)
            {
                parts.Add(name[start..i]);
                start = i + 1;
            }
        }

        parts.Add(name[start..]);
        return parts;
    }
}
