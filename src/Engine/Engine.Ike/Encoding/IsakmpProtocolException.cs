using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding;

/// <summary>
/// A peer's message breaks the protocol. <see cref="NotifyType"/> is the IKEv1 error notification
/// the exchange layer answers with (or logs, when answering would be unauthenticated noise).
/// Truncated input is not an exception: the TryParse methods return false for it.
/// </summary>
public sealed class IsakmpProtocolException : Exception
{
    public IsakmpProtocolException(IsakmpNotifyType notifyType, string message)
        : base(message)
    {
        NotifyType = notifyType;
    }

    public IsakmpNotifyType NotifyType { get; }

    internal static IsakmpProtocolException Malformed(string message) =>
        new(IsakmpNotifyType.PayloadMalformed, message);
}
