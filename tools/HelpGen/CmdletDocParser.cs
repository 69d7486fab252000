using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace IpSecPolicy.HelpGen;

/// <summary>
/// Reads the help source format (platyPS-like markdown): "# Name", then "## Synopsis",
/// "## Description", "## Parameters" with "### -Name" entries, "## Examples" with
/// "### Example N: title", a ```powershell block and remarks, "## Inputs", "## Outputs",
/// "## Notes", "## Related Links" with "- item" lines.
/// </summary>
public static class CmdletDocParser
{
    public static CmdletDoc Parse(string path) => Parse(File.ReadAllLines(path), Path.GetFileName(path));

    public static CmdletDoc Parse(IReadOnlyList<string> lines, string source)
    {
        var doc = new CmdletDoc();
        string? section = null;
        string? entry = null;
        var text = new StringBuilder();
        var code = new StringBuilder();
        var inCode = false;

        void Flush()
        {
            var body = Clean(text.ToString());
            switch (section)
            {
                case "synopsis":
                    doc.Synopsis = body;
                    break;
                case "description":
                    doc.Description = body;
                    break;
                case "parameters" when entry is not null:
                    doc.Parameters[entry.TrimStart('-')] = body;
                    break;
                case "examples" when entry is not null:
                    doc.Examples.Add(new ExampleDoc(entry, code.ToString().TrimEnd(), body));
                    break;
                case "inputs":
                    doc.Inputs = body;
                    break;
                case "outputs":
                    doc.Outputs = body;
                    break;
                case "notes":
                    doc.Notes = body;
                    break;
                case "related links":
                    doc.RelatedLinks.AddRange(body.Split('\n').Select(l => l.Trim().TrimStart('-', '*').Trim()).Where(l => l.Length > 0));
                    break;
            }

            text.Clear();
            code.Clear();
        }

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                code.AppendLine(line);
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                doc.Name = line.Substring(2).Trim();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                section = line.Substring(3).Trim().ToLowerInvariant();
                entry = null;
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                Flush();
                entry = line.Substring(4).Trim();
            }
            else
            {
                text.AppendLine(line);
            }
        }

        if (inCode)
        {
            throw new FormatException($"{source}: a code block is not closed.");
        }

        Flush();
        if (doc.Name.Length == 0)
        {
            throw new FormatException($"{source}: the first heading must be '# Verb-Noun'.");
        }

        return doc;
    }

    /// <summary>Paragraphs kept, lines within a paragraph joined (MAML paragraphs reflow).</summary>
    private static string Clean(string text)
    {
        var paragraphs = text.Replace("\r", string.Empty).Split(new[] { "\n\n" }, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => string.Join(p.TrimStart().StartsWith("-", StringComparison.Ordinal) ? "\n" : " ",
                p.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)))
            .Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }
}
