using System.Net.Sockets;

namespace Engine.Platform.Linux.Nftables;

/// <summary>
/// One enforcement rule: a packet matches when every condition that is set matches (an unset
/// condition matches anything), and the first matching rule of its direction decides its fate.
/// The policy compiler produces these most-specific first.
/// </summary>
public sealed record EnforcementRule
{
    /// <summary>The packets this rule is evaluated against.</summary>
    public required TrafficDirection Direction { get; init; }

    /// <summary>What happens to a matching packet.</summary>
    public required EnforcementVerdict Verdict { get; init; }

    /// <summary>The source addresses, or null for any.</summary>
    public AddressMatch? Source { get; init; }

    /// <summary>The destination addresses, or null for any. Must be of the same family as <see cref="Source"/>.</summary>
    public AddressMatch? Destination { get; init; }

    /// <summary>The IP protocol number (after IPv6 extension headers), or null for any.</summary>
    public byte? Protocol { get; init; }

    /// <summary>Source ports; needs a port-carrying <see cref="Protocol"/> (6, 17, 33, 132, 136).</summary>
    public PortRange? SourcePorts { get; init; }

    /// <summary>Destination ports; needs a port-carrying <see cref="Protocol"/>.</summary>
    public PortRange? DestinationPorts { get; init; }

    /// <summary>
    /// Shown beside the rule in <c>nft list</c> and in counters, for instance the policy filter it
    /// came from. Quotes, backslashes and control characters are replaced; at most 127 characters.
    /// </summary>
    public string? Comment { get; init; }

    /// <summary>The family the addresses imply, or null when the rule has no addresses (both families).</summary>
    public AddressFamily? AddressFamily => Source?.AddressFamily ?? Destination?.AddressFamily;
}
