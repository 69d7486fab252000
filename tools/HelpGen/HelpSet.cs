using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;
using IpSecPolicy.Commands.Common;

namespace IpSecPolicy.HelpGen;

/// <summary>The module's cmdlets paired with their docs, the checks help must pass, and the MAML text.</summary>
public sealed class HelpSet
{
    public const string MamlRelativePath = "module/en-US/IpSecPolicy.Commands.dll-Help.xml";
    public const string DocsRelativePath = "docs/cmdlets";

    private HelpSet(List<Type> cmdlets, Dictionary<string, CmdletDoc> docs)
    {
        Cmdlets = cmdlets;
        Docs = docs;
    }

    public List<Type> Cmdlets { get; }

    public Dictionary<string, CmdletDoc> Docs { get; }

    public static HelpSet Load(string repositoryRoot)
    {
        var cmdlets = typeof(IpSecCmdlet).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<CmdletAttribute>() is not null && !t.IsAbstract)
            .OrderBy(NameOf, StringComparer.Ordinal)
            .ToList();
        var docs = Directory.GetFiles(Path.Combine(repositoryRoot, DocsRelativePath), "*.md")
            .Select(CmdletDocParser.Parse)
            .ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        return new HelpSet(cmdlets, docs);
    }

    public static string NameOf(Type cmdlet)
    {
        var attribute = cmdlet.GetCustomAttribute<CmdletAttribute>()!;
        return $"{attribute.VerbName}-{attribute.NounName}";
    }

    /// <summary>Everything missing or stale in the docs: empty when help is complete.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var cmdlet in Cmdlets)
        {
            var name = NameOf(cmdlet);
            if (!Docs.TryGetValue(name, out var doc))
            {
                yield return $"{name}: no {DocsRelativePath}/{name}.md";
                continue;
            }

            if (doc.Synopsis.Length == 0)
            {
                yield return $"{name}: no synopsis";
            }

            if (doc.Description.Length == 0)
            {
                yield return $"{name}: no description";
            }

            if (doc.Examples.Count == 0 || doc.Examples.Any(e => e.Code.Length == 0))
            {
                yield return $"{name}: needs at least one example, each with code";
            }

            var actual = MamlWriter.DocumentedParameterNames(cmdlet);
            foreach (var missing in actual.Where(p => !doc.Parameters.ContainsKey(p) || doc.Parameters[p].Length == 0))
            {
                yield return $"{name}: parameter -{missing} is not described";
            }

            var shouldProcess = cmdlet.GetCustomAttribute<CmdletAttribute>()!.SupportsShouldProcess
                ? new[] { "WhatIf", "Confirm" } : Array.Empty<string>();
            foreach (var extra in doc.Parameters.Keys.Where(p => !actual.Concat(shouldProcess).Contains(p, StringComparer.OrdinalIgnoreCase)))
            {
                yield return $"{name}: describes -{extra}, which the cmdlet does not have";
            }
        }

        foreach (var orphan in Docs.Keys.Where(d => !Cmdlets.Any(c => string.Equals(NameOf(c), d, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"{orphan}: documented but no such cmdlet";
        }
    }

    public string Maml()
    {
        var pairs = Cmdlets.Where(c => Docs.ContainsKey(NameOf(c))).Select(c => (c, Docs[NameOf(c)]));
        var document = MamlWriter.Write(pairs);
        using var writer = new Utf8StringWriter();
        document.Save(writer, SaveOptions.None);
        return writer.ToString().Replace("\r\n", "\n") + "\n";
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => new System.Text.UTF8Encoding(false);
    }
}
