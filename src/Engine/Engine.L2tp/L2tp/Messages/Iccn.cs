using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>
/// Incoming-Call-Connected (RFC 2661 section 6.8). Required: (Tx) Connect Speed, Framing Type.
/// Optional: the proxy LCP AVPs (Initial Received, Last Sent and Last Received LCP CONFREQ), the
/// proxy authentication AVPs (Type, Name, Challenge, ID, Response), Private Group ID, Rx Connect
/// Speed, Sequencing Required.
/// </summary>
public sealed class Iccn : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Iccn;

    public required uint TxConnectSpeed { get; init; }

    public required L2tpFraming FramingType { get; init; }

    public byte[]? InitialReceivedLcpConfReq { get; init; }

    public byte[]? LastSentLcpConfReq { get; init; }

    public byte[]? LastReceivedLcpConfReq { get; init; }

    public ProxyAuthenType? ProxyAuthenType { get; init; }

    public string? ProxyAuthenName { get; init; }

    public byte[]? ProxyAuthenChallenge { get; init; }

    public byte? ProxyAuthenId { get; init; }

    public byte[]? ProxyAuthenResponse { get; init; }

    public string? PrivateGroupId { get; init; }

    public uint? RxConnectSpeed { get; init; }

    /// <summary>The LAC asks that every data message carry sequence numbers (section 4.4.6).</summary>
    public bool SequencingRequired { get; init; }

    internal static Iccn Read(ControlAttributes a) => new()
    {
        TxConnectSpeed = Required(a, a.TxConnectSpeed, AvpType.TxConnectSpeed),
        FramingType = Required(a, a.FramingType, AvpType.FramingType),
        InitialReceivedLcpConfReq = a.InitialReceivedLcpConfReq,
        LastSentLcpConfReq = a.LastSentLcpConfReq,
        LastReceivedLcpConfReq = a.LastReceivedLcpConfReq,
        ProxyAuthenType = a.ProxyAuthenType,
        ProxyAuthenName = a.ProxyAuthenName,
        ProxyAuthenChallenge = a.ProxyAuthenChallenge,
        ProxyAuthenId = a.ProxyAuthenId,
        ProxyAuthenResponse = a.ProxyAuthenResponse,
        PrivateGroupId = a.PrivateGroupId,
        RxConnectSpeed = a.RxConnectSpeed,
        SequencingRequired = a.SequencingRequired,
    };

    protected override void Fill(ControlAttributes a)
    {
        a.TxConnectSpeed = TxConnectSpeed;
        a.FramingType = FramingType;
        a.InitialReceivedLcpConfReq = InitialReceivedLcpConfReq;
        a.LastSentLcpConfReq = LastSentLcpConfReq;
        a.LastReceivedLcpConfReq = LastReceivedLcpConfReq;
        a.ProxyAuthenType = ProxyAuthenType;
        a.ProxyAuthenName = ProxyAuthenName;
        a.ProxyAuthenChallenge = ProxyAuthenChallenge;
        a.ProxyAuthenId = ProxyAuthenId;
        a.ProxyAuthenResponse = ProxyAuthenResponse;
        a.PrivateGroupId = PrivateGroupId;
        a.RxConnectSpeed = RxConnectSpeed;
        a.SequencingRequired = SequencingRequired;
    }
}
