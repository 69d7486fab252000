namespace Engine.L2tp.Ppp.Ipv6cp;

/// <summary>IPv6CP configuration options (RFC 5072 section 4).</summary>
public enum Ipv6cpOptionType : byte
{
    InterfaceIdentifier = 1,

    /// <summary>Rejected.</summary>
    Ipv6CompressionProtocol = 2,
}
