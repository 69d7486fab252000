using System.Xml.Linq;

namespace Engine.L2tp.Tests.Ppp.Tshark;

/// <summary>One frame of tshark's PDML output: its protocol layers and fields.</summary>
public sealed class DissectedFrame
{
    // Wireshark's expert severities (epan/proto.h PI_SEVERITY_MASK): warning 0x00600000, error 0x00800000.
    private const long ExpertWarning = 0x00600000;

    public DissectedFrame(XElement packet)
    {
        Fields = packet.Descendants("field")
            .Select(item => (Name: (string?)item.Attribute("name") ?? string.Empty,
                Show: (string?)item.Attribute("show") ?? string.Empty,
                ShowName: (string?)item.Attribute("showname") ?? string.Empty))
            .ToArray();
        Protocols = packet.Descendants("proto").Select(proto => (string?)proto.Attribute("name") ?? string.Empty).ToArray();
    }

    public IReadOnlyList<(string Name, string Show, string ShowName)> Fields { get; }

    public IReadOnlyList<string> Protocols { get; }

    public IEnumerable<string> Shows(string name) => Fields.Where(item => item.Name == name).Select(item => item.Show);

    public bool IsMalformed => Protocols.Contains("_ws.malformed") || Fields.Any(item => item.Name.StartsWith("_ws.malformed", StringComparison.Ordinal));

    public IEnumerable<string> ExpertProblems() =>
        Fields.Where(item => item.Name == "_ws.expert.severity" && long.TryParse(item.Show, out var level) && level >= ExpertWarning)
            .Select(item => item.ShowName);

    public override string ToString() => string.Join("/", Protocols);
}
