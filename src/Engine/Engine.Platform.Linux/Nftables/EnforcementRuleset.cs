using System.Collections.Generic;
using Engine.Platform.Linux.Routing;
using Engine.Platform.Linux.Tun;

namespace Engine.Platform.Linux.Nftables;

/// <summary>Everything <see cref="NftScriptWriter"/> needs to generate the enforcement table.</summary>
public sealed record EnforcementRuleset
{
    /// <summary>The engine's TUN device: packets from it count as secured, packets marked for it must leave through it.</summary>
    public required string TunInterfaceName { get; init; }

    /// <summary>
    /// The TUN device's MTU: TCP SYNs marked for the device get their MSS option lowered to fit it
    /// (this MTU less 40 bytes of IPv4 and TCP header, or 60 for IPv6), because the route TCP sized
    /// its segments for was chosen before the mark sent the packet into the device.
    /// </summary>
    public int TunMtu { get; init; } = TunDeviceOptions.DefaultMtu;

    /// <summary>The marks the rules set and test; must match the <see cref="PolicyRouter"/>'s and the sockets'.</summary>
    public PolicyRoutingOptions Routing { get; init; } = PolicyRoutingOptions.Default;

    /// <summary>The policy's rules in priority order (first match wins within a direction).</summary>
    public IReadOnlyList<EnforcementRule> Rules { get; init; } = [];

    /// <summary>
    /// UDP ports on which inbound IKE is always accepted, ahead of every rule: IKE must reach the
    /// engine to negotiate the very SAs that the rules demand.
    /// </summary>
    public IReadOnlyList<ushort> IkeUdpPorts { get; init; } = [500, 4500];
}
