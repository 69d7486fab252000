using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>WAN-Error-Notify (RFC 2661 section 6.13), LAC to LNS. Required: Call Errors.</summary>
public sealed class Wen : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Wen;

    public required CallErrors CallErrors { get; init; }

    internal static Wen Read(ControlAttributes a) => new()
    {
        CallErrors = Required(a, a.CallErrors, AvpType.CallErrors),
    };

    protected override void Fill(ControlAttributes a) => a.CallErrors = CallErrors;
}
