using System.Xml.Linq;

namespace Engine.Ike.Tests.Tshark;

/// <summary>One frame of tshark's PDML output, flattened to its fields.</summary>
public sealed class DissectedPacket
{
    // Wireshark's PI_SEVERITY_MASK values (epan/proto.h): error 0x00800000, warning 0x00600000.
    private const long ExpertError = 0x00800000;
    private const long ExpertWarning = 0x00600000;

    public DissectedPacket(XElement packet)
    {
        Fields = packet.Descendants("field")
            .Select(field => new DissectedField(
                (string?)field.Attribute("name") ?? string.Empty,
                (string?)field.Attribute("show") ?? string.Empty,
                (string?)field.Attribute("showname") ?? string.Empty,
                (string?)field.Attribute("value") ?? string.Empty))
            .ToArray();
        Protocols = packet.Elements("proto").Select(proto => (string?)proto.Attribute("name") ?? string.Empty).ToArray();
    }

    public IReadOnlyList<DissectedField> Fields { get; }

    public IReadOnlyList<string> Protocols { get; }

    public IEnumerable<string> Shows(string name) => Fields.Where(f => f.Name == name).Select(f => f.Show);

    public IEnumerable<string> Values(string name) => Fields.Where(f => f.Name == name).Select(f => f.Value);

    public bool IsMalformed => Fields.Any(f => f.Name.StartsWith("_ws.malformed", StringComparison.Ordinal)) || Protocols.Contains("_ws.malformed");

    /// <summary>Expert items of severity warning or error, each with its display line.</summary>
    public IEnumerable<string> ExpertProblems() =>
        Fields.Where(f => f.Name == "_ws.expert.severity" && long.TryParse(f.Show, out var level) && level >= ExpertWarning)
            .Select(f => (long.Parse(f.Show) >= ExpertError ? "error: " : "warning: ") + f.ShowName);
}
