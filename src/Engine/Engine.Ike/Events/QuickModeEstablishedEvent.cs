using Engine.Ike.Kernel;
using Engine.Ike.Selectors;

namespace Engine.Ike.Events;

/// <summary>541, data protection mode: IPsec SAs are installed in both directions.</summary>
public sealed record QuickModeEstablishedEvent : IkeEvent
{
    public override AuditEventId? AuditId => AuditEventId.SaEstablished;

    public required ulong ChildSaId { get; init; }

    public required string Policy { get; init; }

    public required bool IsInitiator { get; init; }

    public required TrafficSelector LocalTrafficSelector { get; init; }

    public required TrafficSelector RemoteTrafficSelector { get; init; }

    public required IpsecMode Mode { get; init; }

    /// <summary>The chosen method, e.g. "ESP[AesCbc-256,HmacSha2_256]:100000k/3600s".</summary>
    public required string Proposal { get; init; }

    /// <summary>Inbound SPIs per protocol.</summary>
    public required IReadOnlyDictionary<IpsecProtocol, uint> InboundSpis { get; init; }

    public required IReadOnlyDictionary<IpsecProtocol, uint> OutboundSpis { get; init; }

    public required bool PerfectForwardSecrecy { get; init; }

    public required TimeSpan Lifetime { get; init; }

    public required ulong LifetimeKilobytes { get; init; }

    public required bool UdpEncapsulated { get; init; }
}
