using System.Net;

namespace IpSecPolicy.Model.Compiler;

/// <summary>One address of this host and the interface (alias) it is on; what "Me" expands to.</summary>
public sealed class HostAddress
{
    public HostAddress(IPAddress address, string? interfaceAlias = null)
    {
        Address = address;
        InterfaceAlias = interfaceAlias;
    }

    public IPAddress Address { get; }

    /// <summary>The interface's name (Linux: eth0, ens3; Windows: the connection name); null when unknown.</summary>
    public string? InterfaceAlias { get; }

    public override string ToString() => InterfaceAlias is null ? Address.ToString() : $"{Address} ({InterfaceAlias})";
}
