using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;

namespace IpSecPolicy.HelpGen;

/// <summary>
/// Writes MAML for binary cmdlets: text from the docs, and syntax, parameter facts and output types
/// from the cmdlet classes themselves.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly Dictionary<string, string> ShouldProcessParameters = new()
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
    };

    public static XDocument Write(IEnumerable<(Type Cmdlet, CmdletDoc Doc)> cmdlets) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                cmdlets.OrderBy(c => c.Doc.Name, StringComparer.Ordinal).Select(c => CommandElement(c.Cmdlet, c.Doc))));

    /// <summary>The parameters a doc must describe: the cmdlet's own, not the common ones.</summary>
    public static IReadOnlyList<string> DocumentedParameterNames(Type cmdlet) =>
        new CommandMetadata(cmdlet).Parameters.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    private static XElement CommandElement(Type type, CmdletDoc doc)
    {
        var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
        var metadata = new CommandMetadata(type);
        var parameters = metadata.Parameters.Values.OrderBy(p => DeclarationOrder(type, p.Name)).ToList();
        var shouldProcess = attribute.SupportsShouldProcess;
        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", doc.Name),
                new XElement(Command + "verb", attribute.VerbName),
                new XElement(Command + "noun", attribute.NounName),
                Paragraphs(Maml + "description", doc.Synopsis)),
            Paragraphs(Maml + "description", doc.Description),
            new XElement(Command + "syntax", SyntaxItems(doc, parameters, shouldProcess)),
            new XElement(Command + "parameters",
                parameters.Select(p => ParameterElement(p, doc, null))
                    .Concat(shouldProcess ? ShouldProcessParameters.Select(s => SwitchElement(s.Key, Describe(doc, s.Key, s.Value))) : Array.Empty<XElement>())),
            new XElement(Command + "inputTypes", new XElement(Command + "inputType",
                TypeElement(doc.Inputs.Length > 0 ? FirstLine(doc.Inputs) : InputTypes(parameters)),
                Paragraphs(Maml + "description", RestOf(doc.Inputs)))),
            new XElement(Command + "returnValues", OutputTypes(type, doc).Select(t => new XElement(Command + "returnValue",
                TypeElement(t), Paragraphs(Maml + "description", string.Empty)))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", ParagraphList(doc.Notes))),
            new XElement(Command + "examples", doc.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                new XElement(Dev + "code", e.Code),
                Paragraphs(Dev + "remarks", e.Remarks)))),
            new XElement(Maml + "relatedLinks", doc.RelatedLinks.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l), new XElement(Maml + "uri")))));
    }

    private static IEnumerable<XElement> SyntaxItems(CmdletDoc doc, List<ParameterMetadata> parameters, bool shouldProcess)
    {
        var sets = parameters.SelectMany(p => p.ParameterSets.Keys).Where(s => s != ParameterAttribute.AllParameterSets)
            .Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        if (sets.Count == 0)
        {
            sets.Add(ParameterAttribute.AllParameterSets);
        }

        foreach (var set in sets)
        {
            var inSet = parameters
                .Where(p => p.ParameterSets.ContainsKey(set) || p.ParameterSets.ContainsKey(ParameterAttribute.AllParameterSets))
                .OrderBy(p => Facts(p, set).Position is var pos && pos >= 0 ? pos : int.MaxValue)
                .ThenBy(p => Facts(p, set).IsMandatory ? 0 : 1)
                .ThenBy(p => parameters.IndexOf(p));
            yield return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", doc.Name),
                inSet.Select(p => ParameterElement(p, doc, set)),
                shouldProcess ? ShouldProcessParameters.Select(s => SwitchElement(s.Key, Describe(doc, s.Key, s.Value))) : Array.Empty<XElement>());
        }
    }

    private static XElement ParameterElement(ParameterMetadata parameter, CmdletDoc doc, string? set)
    {
        var facts = set is null ? parameter.ParameterSets.Values.First() : Facts(parameter, set);
        var isSwitch = parameter.ParameterType == typeof(SwitchParameter);
        var pipeline = facts.ValueFromPipeline && facts.ValueFromPipelineByPropertyName ? "True (ByValue, ByPropertyName)"
            : facts.ValueFromPipeline ? "True (ByValue)"
            : facts.ValueFromPipelineByPropertyName ? "True (ByPropertyName)" : "False";
        var required = set is null ? parameter.ParameterSets.Values.Any(s => s.IsMandatory) : facts.IsMandatory;
        var wildcards = parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any();
        doc.Parameters.TryGetValue(parameter.Name, out var description);
        var element = new XElement(Command + "parameter",
            new XAttribute("required", required ? "true" : "false"),
            new XAttribute("variableLength", parameter.ParameterType.IsArray ? "true" : "false"),
            new XAttribute("globbing", wildcards ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", facts.Position >= 0 ? facts.Position.ToString() : "named"),
            new XAttribute("aliases", parameter.Aliases.Count > 0 ? string.Join(", ", parameter.Aliases) : "none"),
            new XElement(Maml + "name", parameter.Name),
            Paragraphs(Maml + "description", description ?? string.Empty));
        if (!isSwitch)
        {
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"),
                new XAttribute("variableLength", parameter.ParameterType.IsArray ? "true" : "false"), FriendlyName(parameter.ParameterType)));
        }

        var validSet = ValidValues(parameter);
        if (validSet is not null)
        {
            element.Add(new XElement(Command + "parameterValueGroup",
                validSet.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }

        element.Add(TypeElement(parameter.ParameterType.FullName!), new XElement(Dev + "defaultValue", "None"));
        return element;
    }

    /// <summary>Parameters read best in the order the cmdlet declares them (base class last).</summary>
    private static int DeclarationOrder(Type type, string name)
    {
        var property = type.GetProperty(name);
        var depth = 0;
        for (var t = type; t is not null && t != property?.DeclaringType; t = t.BaseType)
        {
            depth++;
        }

        return depth * 100000 + (property?.MetadataToken ?? 0) % 100000;
    }

    /// <summary>A ValidateSet's values, or an enum's names.</summary>
    private static IList<string>? ValidValues(ParameterMetadata parameter)
    {
        var validateSet = parameter.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault();
        if (validateSet is not null)
        {
            return validateSet.ValidValues;
        }

        var type = parameter.ParameterType.GetElementType() ?? parameter.ParameterType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? Enum.GetNames(type) : null;
    }

    private static ParameterSetMetadata Facts(ParameterMetadata parameter, string set) =>
        parameter.ParameterSets.TryGetValue(set, out var facts) ? facts : parameter.ParameterSets[ParameterAttribute.AllParameterSets];

    /// <summary>The doc's own words for -WhatIf / -Confirm when it has them, else PowerShell's usual ones.</summary>
    private static string Describe(CmdletDoc doc, string name, string standard) =>
        doc.Parameters.TryGetValue(name, out var text) && text.Length > 0 ? text : standard;

    private static XElement SwitchElement(string name, string description) =>
        new(Command + "parameter", new XAttribute("required", "false"), new XAttribute("variableLength", "false"),
            new XAttribute("globbing", "false"), new XAttribute("pipelineInput", "False"), new XAttribute("position", "named"),
            new XAttribute("aliases", name == "WhatIf" ? "wi" : "cf"),
            new XElement(Maml + "name", name), Paragraphs(Maml + "description", description),
            TypeElement(typeof(SwitchParameter).FullName!), new XElement(Dev + "defaultValue", "False"));

    private static IEnumerable<string> OutputTypes(Type type, CmdletDoc doc)
    {
        var declared = type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).Select(t => t.Name).Distinct().ToList();
        return declared.Count > 0 ? declared : new[] { doc.Outputs.Length > 0 ? FirstLine(doc.Outputs) : "None" };
    }

    private static string InputTypes(List<ParameterMetadata> parameters)
    {
        var byValue = parameters.Where(p => p.ParameterSets.Values.Any(s => s.ValueFromPipeline)).Select(p => FriendlyName(p.ParameterType)).ToList();
        return byValue.Count > 0 ? string.Join(", ", byValue.Distinct()) : "None";
    }

    private static string FriendlyName(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        element = Nullable.GetUnderlyingType(element) ?? element;
        return element.Name + (type.IsArray ? "[]" : string.Empty);
    }

    private static XElement TypeElement(string name) =>
        new(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

    private static XElement Paragraphs(XName name, string text) => new(name, ParagraphList(text));

    private static IEnumerable<XElement> ParagraphList(string text) =>
        text.Split(new[] { "\n\n" }, StringSplitOptions.RemoveEmptyEntries).Select(p => new XElement(Maml + "para", p));

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string RestOf(string text)
    {
        var newline = text.IndexOf('\n');
        return newline < 0 ? string.Empty : text.Substring(newline + 1).Trim();
    }
}
