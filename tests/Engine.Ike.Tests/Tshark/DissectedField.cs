namespace Engine.Ike.Tests.Tshark;

/// <summary>A PDML field: its filter name, display value, full display line and raw hex value.</summary>
public sealed record DissectedField(string Name, string Show, string ShowName, string Value);
