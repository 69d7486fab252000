namespace Engine.L2tp.Ppp.Ipcp;

/// <summary>IPCP configuration options (RFC 1332 section 3, RFC 1877 section 1).</summary>
public enum IpcpOptionType : byte
{
    /// <summary>Deprecated pair of addresses (RFC 1172); rejected.</summary>
    IpAddresses = 1,

    /// <summary>Van Jacobson TCP/IP header compression (RFC 1332 section 3.2); rejected.</summary>
    IpCompressionProtocol = 2,

    IpAddress = 3,
    PrimaryDns = 129,
    PrimaryNbns = 130,
    SecondaryDns = 131,
    SecondaryNbns = 132,
}
