using System.Text.Json;

namespace IpSecPolicy.Control.Messages;

/// <summary>One response line: <c>{"id":1,"ok":true,"result":...}</c> or <c>{"id":1,"ok":false,"error":{...}}</c>.</summary>
public sealed class ControlResponse
{
    public int Id { get; set; }

    public bool Ok { get; set; }

    public JsonElement? Result { get; set; }

    public ControlError? Error { get; set; }
}
