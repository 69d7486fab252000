using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;

namespace Engine.Ike.TaskManagement;

/// <summary>
/// A task gives up on its exchange. The task manager catches it: it sends
/// <see cref="NotifyToSend"/> (if any) to the peer, publishes the 547 event and ends the exchange
/// (and with main mode the ISAKMP SA). Failures are rare, so an exception keeps the normal path
/// of every task free of error plumbing, as the codec's protocol exception does.
/// </summary>
internal sealed class IkeNegotiationException : Exception
{
    public IkeNegotiationException(
        NegotiationFailureReason reason,
        FailurePoint failurePoint,
        string detail,
        IsakmpNotifyType? notifyToSend = null,
        IsakmpNotifyType? notifyReceived = null,
        IReadOnlyList<string>? refusals = null)
        : base(detail)
    {
        Reason = reason;
        FailurePoint = failurePoint;
        NotifyToSend = notifyToSend;
        NotifyReceived = notifyReceived;
        Refusals = refusals ?? [];
    }

    public NegotiationFailureReason Reason { get; }

    public FailurePoint FailurePoint { get; }

    public IsakmpNotifyType? NotifyToSend { get; }

    public IsakmpNotifyType? NotifyReceived { get; }

    public IReadOnlyList<string> Refusals { get; }

    /// <summary>The protocol the notification is about: ISAKMP (the cookies are its SPI) or ESP/AH with <see cref="NotifySpi"/>.</summary>
    public IsakmpProtocolId NotifyProtocol { get; init; } = IsakmpProtocolId.Isakmp;

    public byte[] NotifySpi { get; init; } = [];
}
