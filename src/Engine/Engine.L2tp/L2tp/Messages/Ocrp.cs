using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>Outgoing-Call-Reply (RFC 2661 section 6.10). Required: Assigned Session ID. Optional: Physical Channel ID.</summary>
public sealed class Ocrp : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Ocrp;

    public required ushort AssignedSessionId { get; init; }

    public uint? PhysicalChannelId { get; init; }

    internal static Ocrp Read(ControlAttributes a) => new()
    {
        AssignedSessionId = NonZero(a, a.AssignedSessionId, AvpType.AssignedSessionId),
        PhysicalChannelId = a.PhysicalChannelId,
    };

    protected override void Fill(ControlAttributes a)
    {
        a.AssignedSessionId = AssignedSessionId;
        a.PhysicalChannelId = PhysicalChannelId;
    }
}
