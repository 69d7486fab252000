using System;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// The weight that orders effective filters, most specific first (a higher weight is tried first),
/// after Windows' rule that the most specific filter decides whatever the rule order. From the most
/// significant field down:
/// <list type="number">
/// <item>address specificity: the address bits both sides pin down together (a host 32 or 128, a
/// prefix its length, a range its length less log2 of its size, Any 0), in sixteenths of a bit;</item>
/// <item>protocol: a named protocol before Any;</item>
/// <item>destination port given, then source port given;</item>
/// <item>the action, for equally specific filters only: Block, then Negotiate, then Permit, so that
/// a tie fails closed.</item>
/// </list>
/// Filters of equal weight are ordered by rule position in the policy, filter position in its list,
/// as-written before mirrored, then by address (see docs/policy-compiler.md).
/// </summary>
public static class FilterWeight
{
    private const int AddressShift = 8;
    private const ulong ProtocolBit = 1UL << 7;
    private const ulong DestinationPortBit = 1UL << 6;
    private const ulong SourcePortBit = 1UL << 5;

    public static ulong Of(AddressBlock source, AddressBlock destination, byte protocol, ushort sourcePort, ushort destinationPort, FilterActionType action)
    {
        var sixteenths = (ulong)Math.Floor((source.FixedBits + destination.FixedBits) * 16 + 1e-9);
        var weight = sixteenths << AddressShift;
        if (protocol != 0)
        {
            weight |= ProtocolBit;
        }

        if (destinationPort != 0)
        {
            weight |= DestinationPortBit;
        }

        if (sourcePort != 0)
        {
            weight |= SourcePortBit;
        }

        return weight | ActionRank(action);
    }

    /// <summary>The address part of a weight, in bits (e.g. 64 for host to host on IPv4).</summary>
    public static double AddressBits(ulong weight) => (weight >> AddressShift) / 16.0;

    private static ulong ActionRank(FilterActionType action) => action switch
    {
        FilterActionType.Block => 2,
        FilterActionType.Negotiate => 1,
        _ => 0,
    };
}
