using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// A peer's control message breaks RFC 2661 in a way that refuses it: <see cref="Scope"/> says
/// whether the session (CDN) or the whole tunnel (StopCCN) must be cleared, or only the message
/// dropped, and <see cref="Result"/> is the Result Code AVP to send. Truncated input is not an
/// exception: the TryRead methods return false for it.
/// </summary>
public sealed class L2tpProtocolException : Exception
{
    public L2tpProtocolException(L2tpFailureScope scope, L2tpResult result, string message)
        : base(message)
    {
        Scope = scope;
        Result = result;
    }

    public L2tpFailureScope Scope { get; }

    /// <summary>The Result Code AVP the StopCCN or CDN answering this refusal carries.</summary>
    public L2tpResult Result { get; }

    /// <summary>The message type, when the Message Type AVP could be read.</summary>
    public ControlMessageType? MessageType { get; init; }

    /// <summary>
    /// The AVPs decoded before (or despite) the refusal: a refused ICRQ still names the peer's
    /// session, so that the CDN can be addressed to it.
    /// </summary>
    public ControlAttributes? Attributes { get; init; }

    internal static L2tpProtocolException Malformed(string message) =>
        new(L2tpFailureScope.Datagram, L2tpResult.StopCcn(StopCcnResultCode.GeneralError, L2tpErrorCode.LengthWrong, message), message);
}
