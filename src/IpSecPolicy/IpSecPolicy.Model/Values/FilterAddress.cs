using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Values;

/// <summary>
/// One side of a filter, in every form netsh accepts: <c>Me</c>, <c>Any</c>, an IPv4 or IPv6
/// address, a prefix (<c>10.0.0.0/8</c>) or address plus mask, a range
/// (<c>10.0.0.5-10.0.0.9</c>), a DNS name, or a server token (<c>Dns</c>, <c>Wins</c>, <c>Dhcp</c>,
/// <c>Gateway</c>). Immutable; <see cref="ToString"/> gives the canonical text that
/// <see cref="Parse"/> reads back.
/// </summary>
public sealed class FilterAddress : IEquatable<FilterAddress>
{
    private static readonly Regex DottedQuad = new(@"^\d{1,3}(\.\d{1,3}){3}$", RegexOptions.CultureInvariant);
    private static readonly Regex HostName = new(
        @"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$",
        RegexOptions.CultureInvariant);

    public static readonly FilterAddress Me = new(FilterAddressKind.Me, null, 0, null, null);
    public static readonly FilterAddress Any = new(FilterAddressKind.Any, null, 0, null, null);

    private FilterAddress(FilterAddressKind kind, IPAddress? address, int prefixLength, IPAddress? rangeEnd, string? dnsName)
    {
        Kind = kind;
        Address = address;
        PrefixLength = prefixLength;
        RangeEnd = rangeEnd;
        DnsName = dnsName;
    }

    public FilterAddressKind Kind { get; }

    /// <summary>The address, the subnet's network address, or the range's first address.</summary>
    public IPAddress? Address { get; }

    /// <summary>Prefix length of a subnet; the full length (32 or 128) for a single address.</summary>
    public int PrefixLength { get; }

    /// <summary>The range's last address.</summary>
    public IPAddress? RangeEnd { get; }

    /// <summary>The DNS name to resolve, for <see cref="FilterAddressKind.DnsName"/>.</summary>
    public string? DnsName { get; }

    public bool IsServerToken => Kind is FilterAddressKind.Dns or FilterAddressKind.Wins or FilterAddressKind.Dhcp or FilterAddressKind.Gateway;

    /// <summary>The family when the text fixes it (an address, subnet or range); otherwise null.</summary>
    public AddressFamily? Family => Address?.AddressFamily;

    public static FilterAddress FromAddress(IPAddress address) =>
        new(FilterAddressKind.Address, address, FullLength(address), null, null);

    public static FilterAddress FromSubnet(IPAddress network, int prefixLength)
    {
        var max = FullLength(network);
        if (prefixLength < 0 || prefixLength > max)
        {
            throw Invalid(ErrorIds.InvalidMask, $"Prefix length {prefixLength} is out of range 0-{max}.", prefixLength);
        }

        if (!IpMath.IsNetworkAddress(network, prefixLength))
        {
            throw Invalid(ErrorIds.InvalidAddress,
                $"{network}/{prefixLength} has host bits set; the network is {IpMath.Network(network, prefixLength)}/{prefixLength}.",
                $"{network}/{prefixLength}");
        }

        if (prefixLength == max)
        {
            return FromAddress(network);
        }

        return prefixLength == 0 ? Any : new FilterAddress(FilterAddressKind.Subnet, network, prefixLength, null, null);
    }

    public static FilterAddress FromRange(IPAddress first, IPAddress last)
    {
        if (first.AddressFamily != last.AddressFamily)
        {
            throw Invalid(ErrorIds.InvalidAddress, $"The range {first}-{last} mixes IPv4 and IPv6.", $"{first}-{last}");
        }

        if (IpMath.Compare(first, last) > 0)
        {
            throw Invalid(ErrorIds.InvalidAddress, $"The range {first}-{last} ends before it starts.", $"{first}-{last}");
        }

        return first.Equals(last) ? FromAddress(first) : new FilterAddress(FilterAddressKind.Range, first, 0, last, null);
    }

    /// <summary>
    /// Parses the text an administrator types, with an optional mask (dotted, <c>/n</c> or
    /// <c>n</c>) as netsh's srcmask/dstmask.
    /// </summary>
    /// <exception cref="PolicyException">InvalidAddress or InvalidMask.</exception>
    public static FilterAddress Parse(string text, string? mask = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var value = text.Trim();
        if (value.Length == 0)
        {
            throw Invalid(ErrorIds.InvalidAddress, "An address cannot be empty.", text);
        }

        var symbolic = ParseSymbol(value);
        if (symbolic is not null)
        {
            RefuseMask(mask, symbolic, text);
            return symbolic;
        }

        var dash = value.IndexOf('-');
        if (dash > 0 && TryParseIp(value.Substring(0, dash).Trim(), out var first) && TryParseIp(value.Substring(dash + 1).Trim(), out var last))
        {
            RefuseMask(mask, null, text);
            return FromRange(first, last);
        }

        var slash = value.IndexOf('/');
        if (slash > 0)
        {
            if (!TryParseIp(value.Substring(0, slash), out var network))
            {
                throw Invalid(ErrorIds.InvalidAddress, $"'{text}' is not an address prefix.", text);
            }

            if (!string.IsNullOrWhiteSpace(mask))
            {
                throw Invalid(ErrorIds.InvalidMask, $"'{text}' already has a prefix length; give no mask with it.", mask);
            }

            return FromSubnet(network, ParsePrefix(value.Substring(slash + 1), network, text));
        }

        if (TryParseIp(value, out var address))
        {
            return string.IsNullOrWhiteSpace(mask) ? FromAddress(address) : FromSubnet(address, ParseMask(mask!, address));
        }

        if (HostName.IsMatch(value) && !DottedQuad.IsMatch(value))
        {
            RefuseMask(mask, null, text);
            return new FilterAddress(FilterAddressKind.DnsName, null, 0, null, value.TrimEnd('.').ToLowerInvariant());
        }

        throw Invalid(ErrorIds.InvalidAddress,
            $"'{text}' is not an address. Use Me, Any, an IPv4 or IPv6 address, a prefix (10.0.0.0/8), a range (10.0.0.5-10.0.0.9), a DNS name, or Dns, Wins, Dhcp, Gateway.",
            text);
    }

    /// <summary>Strict IP parsing: IPv4 only as a dotted quad (IPAddress.Parse would take "1" as 0.0.0.1).</summary>
    public static bool TryParseIp(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var value = text.Trim();
        if (value.IndexOf(':') >= 0)
        {
            if (IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && v6.ScopeId == 0)
            {
                address = v6;
                return true;
            }

            return false;
        }

        if (!DottedQuad.IsMatch(value))
        {
            return false;
        }

        foreach (var part in value.Split('.'))
        {
            if (int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        address = IPAddress.Parse(value);
        return true;
    }

    public override string ToString() => Kind switch
    {
        FilterAddressKind.Me => "Me",
        FilterAddressKind.Any => "Any",
        FilterAddressKind.Address => Address!.ToString(),
        FilterAddressKind.Subnet => $"{Address}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}",
        FilterAddressKind.Range => $"{Address}-{RangeEnd}",
        FilterAddressKind.DnsName => DnsName!,
        _ => Kind.ToString(),
    };

    public bool Equals(FilterAddress? other) =>
        other is not null && Kind == other.Kind && Equals(Address, other.Address) && PrefixLength == other.PrefixLength
        && Equals(RangeEnd, other.RangeEnd) && string.Equals(DnsName, other.DnsName, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as FilterAddress);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());

    private static FilterAddress? ParseSymbol(string value)
    {
        switch (value.ToLowerInvariant())
        {
            case "me":
            case "my ip address":
                return Me;
            case "any":
                return Any;
            case "dns":
                return new FilterAddress(FilterAddressKind.Dns, null, 0, null, null);
            case "wins":
                return new FilterAddress(FilterAddressKind.Wins, null, 0, null, null);
            case "dhcp":
                return new FilterAddress(FilterAddressKind.Dhcp, null, 0, null, null);
            case "gateway":
                return new FilterAddress(FilterAddressKind.Gateway, null, 0, null, null);
            default:
                return null;
        }
    }

    private static void RefuseMask(string? mask, FilterAddress? symbol, string text)
    {
        if (!string.IsNullOrWhiteSpace(mask))
        {
            var what = symbol is null ? $"'{text}'" : symbol.ToString();
            throw Invalid(ErrorIds.InvalidMask, $"A mask applies only to an IP address; {what} takes none.", mask);
        }
    }

    private static int ParseMask(string mask, IPAddress address)
    {
        var value = mask.Trim();
        if (value.StartsWith("/", StringComparison.Ordinal) || value.IndexOf('.') < 0 && value.IndexOf(':') < 0)
        {
            return ParsePrefix(value.TrimStart('/'), address, mask);
        }

        if (!TryParseIp(value, out var maskAddress) || maskAddress.AddressFamily != address.AddressFamily)
        {
            throw Invalid(ErrorIds.InvalidMask, $"'{mask}' is not a mask for {address}.", mask);
        }

        var length = IpMath.MaskToPrefixLength(maskAddress);
        if (length < 0)
        {
            throw Invalid(ErrorIds.InvalidMask, $"The mask '{mask}' is not contiguous.", mask);
        }

        return length;
    }

    private static int ParsePrefix(string text, IPAddress address, object target)
    {
        var max = FullLength(address);
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > max)
        {
            throw Invalid(ErrorIds.InvalidMask, $"'{text}' is not a prefix length 0-{max}.", target);
        }

        return length;
    }

    private static int FullLength(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static PolicyException Invalid(string id, string message, object? target) =>
        new(id, PolicyErrorCategory.InvalidArgument, message, target);
}
