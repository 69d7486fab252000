namespace Engine.Ike.Encoding.Registry;

/// <summary>IPsec DOI security protocol identifiers (RFC 2407 section 4.4.1).</summary>
public enum IsakmpProtocolId : byte
{
    /// <summary>Seen in some Notification payloads that concern no SA.</summary>
    Reserved = 0,
    Isakmp = 1,
    Ah = 2,
    Esp = 3,
    IpComp = 4,
}
