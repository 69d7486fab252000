using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>
/// Call-Disconnect-Notify (RFC 2661 section 6.12). Required: Result Code, Assigned Session ID (the
/// sender's). Optional: Q.931 Cause Code.
/// </summary>
public sealed class Cdn : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Cdn;

    public required L2tpResult ResultCode { get; init; }

    public required ushort AssignedSessionId { get; init; }

    public Q931Cause? Q931CauseCode { get; init; }

    internal static Cdn Read(ControlAttributes a) => new()
    {
        ResultCode = Required(a, a.ResultCode, AvpType.ResultCode),
        AssignedSessionId = Required(a, a.AssignedSessionId, AvpType.AssignedSessionId),
        Q931CauseCode = a.Q931CauseCode,
    };

    protected override void Fill(ControlAttributes a)
    {
        a.ResultCode = ResultCode;
        a.AssignedSessionId = AssignedSessionId;
        a.Q931CauseCode = Q931CauseCode;
    }
}
