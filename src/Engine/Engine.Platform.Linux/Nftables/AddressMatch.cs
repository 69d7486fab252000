using System;
using System.Net;
using System.Net.Sockets;

namespace Engine.Platform.Linux.Nftables;

/// <summary>
/// The addresses a rule matches on one side: a single host, a prefix, or an inclusive range, all
/// of one family (IPv4 or IPv6). Prefixes are normalised to their network address, and IPv6 scope
/// ids are dropped (nft matches addresses, not scopes).
/// </summary>
public sealed record AddressMatch
{
    private AddressMatch(IPAddress first, IPAddress last, int? prefixLength)
    {
        First = first;
        Last = last;
        PrefixLength = prefixLength;
    }

    /// <summary>IPv4 or IPv6.</summary>
    public AddressFamily AddressFamily => First.AddressFamily;

    /// <summary>The lowest address matched.</summary>
    public IPAddress First { get; }

    /// <summary>The highest address matched.</summary>
    public IPAddress Last { get; }

    /// <summary>The prefix length for a prefix or host match; null for a range.</summary>
    public int? PrefixLength { get; }

    /// <summary>Exactly one address.</summary>
    public static AddressMatch Host(IPAddress address)
    {
        IPAddress plain = WithoutScope(address, nameof(address));
        return new AddressMatch(plain, plain, MaximumPrefixLength(plain));
    }

    /// <summary>Every address sharing the first <paramref name="prefixLength"/> bits with <paramref name="address"/>.</summary>
    public static AddressMatch Prefix(IPAddress address, int prefixLength)
    {
        IPAddress plain = WithoutScope(address, nameof(address));
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, MaximumPrefixLength(plain));
        byte[] network = plain.GetAddressBytes();
        byte[] broadcast = plain.GetAddressBytes();
        for (int bit = prefixLength; bit < network.Length * 8; bit++)
        {
            byte mask = (byte)(0x80 >> (bit % 8));
            network[bit / 8] &= (byte)~mask;
            broadcast[bit / 8] |= mask;
        }

        return new AddressMatch(new IPAddress(network), new IPAddress(broadcast), prefixLength);
    }

    /// <summary>Every address from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public static AddressMatch Range(IPAddress first, IPAddress last)
    {
        IPAddress low = WithoutScope(first, nameof(first));
        IPAddress high = WithoutScope(last, nameof(last));
        if (low.AddressFamily != high.AddressFamily)
        {
            throw new ArgumentException($"Range {low}-{high} mixes IPv4 and IPv6.", nameof(last));
        }

        if (low.GetAddressBytes().AsSpan().SequenceCompareTo(high.GetAddressBytes()) > 0)
        {
            throw new ArgumentException($"Range {low}-{high} is reversed.", nameof(last));
        }

        return new AddressMatch(low, high, null);
    }

    /// <summary>"10.0.0.1", "10.0.0.0/24" or "10.0.0.5-10.0.0.9", as nft writes it.</summary>
    public override string ToString() => PrefixLength switch
    {
        null => $"{First}-{Last}",
        int length when length == MaximumPrefixLength(First) => First.ToString(),
        int length => $"{First}/{length}",
    };

    private static int MaximumPrefixLength(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static IPAddress WithoutScope(IPAddress address, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(address, parameterName);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"'{address}' is neither IPv4 nor IPv6.", parameterName);
        }

        return new IPAddress(address.GetAddressBytes());
    }
}
