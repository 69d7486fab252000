using System;
using System.Globalization;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Values;

/// <summary>
/// A filter's IP protocol: <c>Any</c>, <c>ICMP</c> (1; ICMPv6, 58, on IPv6 filters), <c>TCP</c> (6),
/// <c>UDP</c> (17), <c>Raw</c> (255) or a number 0-255, where 0 means Any as in netsh.
/// </summary>
public readonly struct FilterProtocol : IEquatable<FilterProtocol>
{
    public const byte IcmpNumber = 1;
    public const byte TcpNumber = 6;
    public const byte UdpNumber = 17;
    public const byte Icmpv6Number = 58;
    public const byte RawNumber = 255;

    public static readonly FilterProtocol Any = default;
    public static readonly FilterProtocol Icmp = new(IcmpNumber);
    public static readonly FilterProtocol Tcp = new(TcpNumber);
    public static readonly FilterProtocol Udp = new(UdpNumber);
    public static readonly FilterProtocol Raw = new(RawNumber);

    public FilterProtocol(byte number) => Number = number;

    /// <summary>The IANA protocol number; 0 for Any.</summary>
    public byte Number { get; }

    public bool IsAny => Number == 0;

    public bool HasPorts => Number is TcpNumber or UdpNumber;

    public static FilterProtocol Parse(string text)
    {
        var value = (text ?? string.Empty).Trim();
        switch (value.ToUpperInvariant())
        {
            case "ANY":
                return Any;
            case "ICMP":
                return Icmp;
            case "TCP":
                return Tcp;
            case "UDP":
                return Udp;
            case "RAW":
                return Raw;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 255)
        {
            return new FilterProtocol((byte)number);
        }

        throw new PolicyException(ErrorIds.InvalidProtocol, PolicyErrorCategory.InvalidArgument,
            $"'{text}' is not a protocol. Use Any, ICMP, TCP, UDP, Raw, or a number 0-255.", text);
    }

    public override string ToString() => Number switch
    {
        0 => "Any",
        IcmpNumber => "ICMP",
        TcpNumber => "TCP",
        UdpNumber => "UDP",
        RawNumber => "Raw",
        _ => Number.ToString(CultureInfo.InvariantCulture),
    };

    public bool Equals(FilterProtocol other) => Number == other.Number;

    public override bool Equals(object? obj) => obj is FilterProtocol other && Equals(other);

    public override int GetHashCode() => Number;

    public static bool operator ==(FilterProtocol left, FilterProtocol right) => left.Equals(right);

    public static bool operator !=(FilterProtocol left, FilterProtocol right) => !left.Equals(right);
}
