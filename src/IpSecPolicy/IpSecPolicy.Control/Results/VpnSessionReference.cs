namespace IpSecPolicy.Control.Results;

/// <summary>The argument of DisconnectVpnSession: the session's id as GetVpnSession returns it.</summary>
public sealed class VpnSessionReference
{
    /// <summary>The session's number in decimal.</summary>
    public string? Id { get; set; }
}
