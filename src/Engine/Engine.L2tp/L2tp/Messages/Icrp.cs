using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>Incoming-Call-Reply (RFC 2661 section 6.7). Required: Assigned Session ID.</summary>
public sealed class Icrp : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Icrp;

    public required ushort AssignedSessionId { get; init; }

    internal static Icrp Read(ControlAttributes a) => new()
    {
        AssignedSessionId = NonZero(a, a.AssignedSessionId, AvpType.AssignedSessionId),
    };

    protected override void Fill(ControlAttributes a) => a.AssignedSessionId = AssignedSessionId;
}
