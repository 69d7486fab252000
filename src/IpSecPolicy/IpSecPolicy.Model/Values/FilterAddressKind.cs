namespace IpSecPolicy.Model.Values;

/// <summary>The forms a filter's source or destination can take (netsh srcaddr/dstaddr).</summary>
public enum FilterAddressKind
{
    /// <summary>"My IP Address": every address of the adapter the policy is applied to.</summary>
    Me,
    /// <summary>Any IP address.</summary>
    Any,
    /// <summary>One IPv4 or IPv6 address.</summary>
    Address,
    /// <summary>An address with a prefix length or mask.</summary>
    Subnet,
    /// <summary>An inclusive range of addresses of one family.</summary>
    Range,
    /// <summary>A DNS name, resolved when the policy is compiled.</summary>
    DnsName,
    /// <summary>The host's DNS servers (the other side is then Me).</summary>
    Dns,
    /// <summary>The host's WINS servers (the other side is then Me).</summary>
    Wins,
    /// <summary>The host's DHCP server (the other side is then Me).</summary>
    Dhcp,
    /// <summary>The host's default gateways (the other side is then Me).</summary>
    Gateway,
}
