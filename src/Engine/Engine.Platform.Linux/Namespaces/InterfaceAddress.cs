using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Engine.Platform.Linux.Namespaces;

/// <summary>
/// An address with the prefix length of its subnet, as <c>ip addr add</c> takes it ("10.77.0.1/24").
/// Unlike <see cref="IPNetwork"/> it keeps the host bits.
/// </summary>
public readonly record struct InterfaceAddress
{
    /// <summary>Creates the address; the prefix length must fit the family (0-32 or 0-128).</summary>
    public InterfaceAddress(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        int maximum = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, maximum);
        Address = address;
        PrefixLength = prefixLength;
    }

    /// <summary>The interface's own address.</summary>
    public IPAddress Address { get; }

    /// <summary>The length of the subnet prefix.</summary>
    public int PrefixLength { get; }

    /// <summary>Parses "address/length".</summary>
    public static InterfaceAddress Parse(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        int slash = text.IndexOf('/');
        if (slash < 0)
        {
            throw new FormatException($"'{text}' is not address/prefix-length.");
        }

        return new InterfaceAddress(IPAddress.Parse(text[..slash]), int.Parse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Address}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}
