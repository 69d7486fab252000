namespace Engine.DataPlane.Sa;

/// <summary>How an SA carries traffic (RFC 4301 section 4.1).</summary>
public enum IpsecMode
{
    /// <summary>Between the two endpoints themselves: ESP/AH sits between the IP header and the upper layer.</summary>
    Transport,

    /// <summary>Whole inner IP packets travel inside ESP/AH between the two tunnel endpoints.</summary>
    Tunnel,
}
