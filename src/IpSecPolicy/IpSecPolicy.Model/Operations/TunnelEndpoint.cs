using System.Net;
using System.Net.Sockets;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// The remote end of a tunnel rule (netsh tunnel=): one IPv4 or IPv6 unicast address, or none for
/// transport mode. A DNS name is not taken: the engine needs a fixed peer to send IKE to.
/// </summary>
public static class TunnelEndpoint
{
    /// <summary>The words that mean "no tunnel" (transport mode), besides an empty value.</summary>
    public const string None = "None";

    /// <summary>Parses an endpoint; null, empty or <c>None</c> mean transport mode (null).</summary>
    public static IPAddress? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text!.Trim(), None, System.StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!FilterAddress.TryParseIp(text, out var address))
        {
            throw new PolicyException(ErrorIds.InvalidAddress, PolicyErrorCategory.InvalidArgument,
                $"'{text}' is not a tunnel endpoint. Give the remote gateway's IPv4 or IPv6 address, or None for transport mode.", text);
        }

        return Check(address);
    }

    /// <summary>Refuses addresses no peer can have: unspecified, loopback, multicast, broadcast.</summary>
    public static IPAddress? Check(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        var unusable = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(address)
            || address.Equals(IPAddress.Broadcast) || IsMulticast(address);
        if (unusable)
        {
            throw new PolicyException(ErrorIds.InvalidAddress, PolicyErrorCategory.InvalidArgument,
                $"'{address}' cannot be a tunnel endpoint: it must be the unicast address of the remote gateway.", address.ToString());
        }

        return address;
    }

    private static bool IsMulticast(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6
        ? address.IsIPv6Multicast
        : address.GetAddressBytes()[0] is >= 224 and <= 239;
}
