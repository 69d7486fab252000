using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>
/// Outgoing-Call-Connected (RFC 2661 section 6.11). Required: (Tx) Connect Speed, Framing Type.
/// Optional: Rx Connect Speed, Sequencing Required.
/// </summary>
public sealed class Occn : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Occn;

    public required uint TxConnectSpeed { get; init; }

    public required L2tpFraming FramingType { get; init; }

    public uint? RxConnectSpeed { get; init; }

    public bool SequencingRequired { get; init; }

    internal static Occn Read(ControlAttributes a) => new()
    {
        TxConnectSpeed = Required(a, a.TxConnectSpeed, AvpType.TxConnectSpeed),
        FramingType = Required(a, a.FramingType, AvpType.FramingType),
        RxConnectSpeed = a.RxConnectSpeed,
        SequencingRequired = a.SequencingRequired,
    };

    protected override void Fill(ControlAttributes a)
    {
        a.TxConnectSpeed = TxConnectSpeed;
        a.FramingType = FramingType;
        a.RxConnectSpeed = RxConnectSpeed;
        a.SequencingRequired = SequencingRequired;
    }
}
