using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>
/// Outgoing-Call-Request (RFC 2661 section 6.9), an LNS asking a LAC to dial. Required: Assigned
/// Session ID, Call Serial Number, Minimum BPS, Maximum BPS, Bearer Type, Framing Type, Called
/// Number. Optional: Sub-Address. The remote-access engine decodes it to refuse it with a CDN.
/// </summary>
public sealed class Ocrq : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Ocrq;

    public required ushort AssignedSessionId { get; init; }

    public required uint CallSerialNumber { get; init; }

    public required uint MinimumBps { get; init; }

    public required uint MaximumBps { get; init; }

    public required L2tpBearer BearerType { get; init; }

    public required L2tpFraming FramingType { get; init; }

    public required string CalledNumber { get; init; }

    public string? SubAddress { get; init; }

    internal static Ocrq Read(ControlAttributes a) => new()
    {
        AssignedSessionId = NonZero(a, a.AssignedSessionId, AvpType.AssignedSessionId),
        CallSerialNumber = Required(a, a.CallSerialNumber, AvpType.CallSerialNumber),
        MinimumBps = Required(a, a.MinimumBps, AvpType.MinimumBps),
        MaximumBps = Required(a, a.MaximumBps, AvpType.MaximumBps),
        BearerType = Required(a, a.BearerType, AvpType.BearerType),
        FramingType = Required(a, a.FramingType, AvpType.FramingType),
        CalledNumber = Required(a, a.CalledNumber, AvpType.CalledNumber),
        SubAddress = a.SubAddress,
    };

    protected override void Fill(ControlAttributes a)
    {
        a.AssignedSessionId = AssignedSessionId;
        a.CallSerialNumber = CallSerialNumber;
        a.MinimumBps = MinimumBps;
        a.MaximumBps = MaximumBps;
        a.BearerType = BearerType;
        a.FramingType = FramingType;
        a.CalledNumber = CalledNumber;
        a.SubAddress = SubAddress;
    }
}
