using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>Hello (RFC 2661 section 6.5): the keepalive, only a Message Type; its acknowledgment is the answer.</summary>
public sealed class Hello : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Hello;

    protected override void Fill(ControlAttributes a)
    {
    }
}
