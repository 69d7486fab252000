using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Engine.Host.Tests.Support.Tshark;

/// <summary>One frame of tshark's PDML: its protocol layers and every field (name, shown value, raw hex).</summary>
public sealed class DissectedPacket
{
    public DissectedPacket(XElement packet)
    {
        Fields = packet.Descendants("field")
            .Select(field => (Name: (string?)field.Attribute("name") ?? string.Empty,
                Show: (string?)field.Attribute("show") ?? string.Empty,
                Value: (string?)field.Attribute("value") ?? string.Empty))
            .ToArray();
        Protocols = packet.Descendants("proto").Select(proto => (string?)proto.Attribute("name") ?? string.Empty).ToArray();
    }

    public IReadOnlyList<(string Name, string Show, string Value)> Fields { get; }

    public IReadOnlyList<string> Protocols { get; }

    public IEnumerable<string> Shows(string name) => Fields.Where(field => field.Name == name).Select(field => field.Show);

    public IEnumerable<string> Values(string name) => Fields.Where(field => field.Name == name).Select(field => field.Value);

    public bool Has(string name) => Fields.Any(field => field.Name == name);

    public bool IsMalformed => Protocols.Contains("_ws.malformed");
}
