using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>Set-Link-Info (RFC 2661 section 6.14), LNS to LAC. Required: ACCM.</summary>
public sealed class Sli : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Sli;

    public required AccmValue Accm { get; init; }

    internal static Sli Read(ControlAttributes a) => new()
    {
        Accm = Required(a, a.Accm, AvpType.Accm),
    };

    protected override void Fill(ControlAttributes a) => a.Accm = Accm;
}
