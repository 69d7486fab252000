using System.Collections.Generic;

namespace IpSecPolicy.HelpGen;

/// <summary>What one docs/cmdlets/Verb-Noun.md says.</summary>
public sealed class CmdletDoc
{
    public string Name { get; set; } = string.Empty;

    public string Synopsis { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public Dictionary<string, string> Parameters { get; } = new(System.StringComparer.OrdinalIgnoreCase);

    public List<ExampleDoc> Examples { get; } = new();

    public string Inputs { get; set; } = string.Empty;

    public string Outputs { get; set; } = string.Empty;

    public string Notes { get; set; } = string.Empty;

    public List<string> RelatedLinks { get; } = new();
}

public sealed record ExampleDoc(string Title, string Code, string Remarks);
