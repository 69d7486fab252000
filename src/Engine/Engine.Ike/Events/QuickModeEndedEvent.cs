using Engine.Ike.Kernel;

namespace Engine.Ike.Events;

/// <summary>542: IPsec SAs of one quick mode were removed.</summary>
public sealed record QuickModeEndedEvent : IkeEvent
{
    public override AuditEventId? AuditId => AuditEventId.QuickModeSaEnded;

    public required ulong ChildSaId { get; init; }

    public required IReadOnlyDictionary<IpsecProtocol, uint> InboundSpis { get; init; }

    public required IReadOnlyDictionary<IpsecProtocol, uint> OutboundSpis { get; init; }

    public required SaEndReason Reason { get; init; }
}
