namespace Engine.Ike.Encoding.Registry;

/// <summary>Domain of Interpretation (RFC 2408 section 3.4, RFC 2407 section 4.2).</summary>
public enum IsakmpDomainOfInterpretation : uint
{
    /// <summary>Generic ISAKMP; allowed in Notification payloads of phase 1.</summary>
    Isakmp = 0,
    /// <summary>The IPsec DOI, the only one an SA payload may name here.</summary>
    Ipsec = 1,
}
