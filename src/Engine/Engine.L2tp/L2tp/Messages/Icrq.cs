using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>
/// Incoming-Call-Request (RFC 2661 section 6.6). Required: Assigned Session ID, Call Serial
/// Number. Optional: Bearer Type, Physical Channel ID, Calling Number, Called Number, Sub-Address.
/// </summary>
public sealed class Icrq : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Icrq;

    public required ushort AssignedSessionId { get; init; }

    public required uint CallSerialNumber { get; init; }

    public L2tpBearer? BearerType { get; init; }

    public uint? PhysicalChannelId { get; init; }

    public string? CallingNumber { get; init; }

    public string? CalledNumber { get; init; }

    public string? SubAddress { get; init; }

    internal static Icrq Read(ControlAttributes a) => new()
    {
        AssignedSessionId = NonZero(a, a.AssignedSessionId, AvpType.AssignedSessionId),
        CallSerialNumber = Required(a, a.CallSerialNumber, AvpType.CallSerialNumber),
        BearerType = a.BearerType,
        PhysicalChannelId = a.PhysicalChannelId,
        CallingNumber = a.CallingNumber,
        CalledNumber = a.CalledNumber,
        SubAddress = a.SubAddress,
    };

    protected override void Fill(ControlAttributes a)
    {
        a.AssignedSessionId = AssignedSessionId;
        a.CallSerialNumber = CallSerialNumber;
        a.BearerType = BearerType;
        a.PhysicalChannelId = PhysicalChannelId;
        a.CallingNumber = CallingNumber;
        a.CalledNumber = CalledNumber;
        a.SubAddress = SubAddress;
    }
}
