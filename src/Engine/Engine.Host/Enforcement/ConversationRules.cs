using System.Collections.Generic;
using Engine.Platform.Linux.Nftables;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Enforcement;

/// <summary>
/// nftables rules for one conversation the engine decided about at run time, ahead of the
/// policy's filters: a secured one (its SA exists, so cleartext is refused and replies go to the
/// TUN device, also where the filter alone would accept cleartext: inpass, soft, or the default
/// response rule) or one that fell back to clear (a soft SA).
/// </summary>
public static class ConversationRules
{
    /// <summary>Traffic between <paramref name="local"/> and <paramref name="remote"/> is secured: outbound to the engine, inbound only decrypted.</summary>
    public static IEnumerable<EnforcementRule> Secured(IkeSelector local, IkeSelector remote)
    {
        yield return Rule(TrafficDirection.Outbound, EnforcementVerdict.MarkForTun, local, remote, "secured conversation");
        yield return Rule(TrafficDirection.Inbound, EnforcementVerdict.DropIfNotFromTun, remote, local, "secured conversation");
    }

    /// <summary>Traffic between two hosts passes in the clear both ways (fallback to clear).</summary>
    public static IEnumerable<EnforcementRule> Clear(IkeSelector local, IkeSelector remote)
    {
        yield return Rule(TrafficDirection.Outbound, EnforcementVerdict.Accept, local, remote, "soft SA (fallback to clear)");
        yield return Rule(TrafficDirection.Inbound, EnforcementVerdict.Accept, remote, local, "soft SA (fallback to clear)");
    }

    private static EnforcementRule Rule(TrafficDirection direction, EnforcementVerdict verdict, IkeSelector source, IkeSelector destination, string what) => new()
    {
        Direction = direction,
        Verdict = verdict,
        Source = Match(source),
        Destination = Match(destination),
        Protocol = ProtocolOf(source, destination),
        SourcePorts = source.Port == 0 ? null : PortRange.Single(source.Port),
        DestinationPorts = destination.Port == 0 ? null : PortRange.Single(destination.Port),
        Comment = $"{what}: {source} -> {destination}",
    };

    private static byte? ProtocolOf(IkeSelector source, IkeSelector destination) =>
        source.Protocol != 0 ? source.Protocol : destination.Protocol != 0 ? destination.Protocol : null;

    private static AddressMatch Match(IkeSelector selector) =>
        selector.PrefixLength is int length ? AddressMatch.Prefix(selector.First, length) : AddressMatch.Range(selector.First, selector.Last);
}
