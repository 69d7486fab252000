using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Kernel;
using Engine.Ike.Sa;
using Engine.Ike.Selectors;

namespace Engine.Ike;

/// <summary>A snapshot of one quick mode's SAs for Get-IpSecQuickModeSA (no keys).</summary>
public sealed record QuickModeSaInfo
{
    public required ulong Id { get; init; }

    public required string Policy { get; init; }

    public required IPEndPoint Local { get; init; }

    public required IPEndPoint Remote { get; init; }

    public required TrafficSelector LocalTrafficSelector { get; init; }

    public required TrafficSelector RemoteTrafficSelector { get; init; }

    public required IpsecMode Mode { get; init; }

    public required ChildSaState State { get; init; }

    public required bool IsInitiator { get; init; }

    public required string Proposal { get; init; }

    public required bool PerfectForwardSecrecy { get; init; }

    public required IReadOnlyDictionary<IpsecProtocol, uint> InboundSpis { get; init; }

    public required IReadOnlyDictionary<IpsecProtocol, uint> OutboundSpis { get; init; }

    public required DateTimeOffset Installed { get; init; }

    public required TimeSpan Lifetime { get; init; }

    public required ulong LifetimeKilobytes { get; init; }

    public required bool UdpEncapsulated { get; init; }

    /// <summary>What the data plane counted, summed over the protocols; zero when it has no count.</summary>
    public required KernelSaUsage Inbound { get; init; }

    public required KernelSaUsage Outbound { get; init; }

    /// <summary>The negotiated method as a value (ESP and/or AH transforms, lifetimes).</summary>
    public QuickModeProposal? NegotiatedProposal { get; init; }

    /// <summary>The outbound SA's UDP encapsulation (our port, the peer's port); null without NAT-T.</summary>
    public UdpEncapsulation? Encapsulation { get; init; }
}
