using System.Collections.Generic;
using System.Text.Json;

namespace IpSecPolicy.Control.Messages;

/// <summary>One request line: <c>{"id":1,"command":"GetEngine","arguments":{...}}</c>.</summary>
public sealed class ControlRequest
{
    public int Id { get; set; }

    public string Command { get; set; } = string.Empty;

    public Dictionary<string, JsonElement> Arguments { get; set; } = new();
}
