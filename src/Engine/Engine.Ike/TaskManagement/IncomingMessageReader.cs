using System.Net;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.MessageRules;
using Engine.Ike.Sa;
using Engine.Ike.Trace;

namespace Engine.Ike.TaskManagement;

/// <summary>
/// Turns a received datagram of one ISAKMP SA into a <see cref="ReceivedMessage"/>: parse,
/// decrypt with the exchange's IV, check the exchange's message rules. What the codec or the rules
/// refuse is answered with its notification (never for informational messages: no notify war);
/// during main mode it ends the negotiation, and an undecryptable message 5 or 6 is the sign of a
/// wrong pre-shared key.
/// </summary>
internal sealed class IncomingMessageReader
{
    private readonly IkeSa sa;

    public IncomingMessageReader(IkeSa sa)
    {
        this.sa = sa;
    }

    /// <summary>
    /// The message as tasks see it: parsed, decrypted with the exchange's IV, checked against the
    /// exchange's rules. Null when it is dropped (truncated, not decryptable yet, refused).
    /// </summary>
    public ReceivedMessage? Read(IsakmpHeader header, ReadOnlyMemory<byte> bytes, IPEndPoint local, IPEndPoint remote)
    {
        IsakmpMessage? parsed;
        try
        {
            if (!IsakmpMessage.TryParse(bytes.Span, out parsed))
            {
                sa.Trace(IkeTraceCategory.Receive, $"truncated {header.ExchangeType} message dropped");
                return null;
            }
        }
        catch (IsakmpProtocolException malformed)
        {
            OnMalformed(header, malformed);
            return null;
        }

        var chain = bytes[IsakmpHeader.Size..].ToArray();
        if (!parsed!.Header.IsEncrypted)
        {
            return Admitted(new ReceivedMessage(parsed, chain, wasEncrypted: false, local, remote));
        }

        var inMainMode = header.ExchangeType == IsakmpExchangeType.MainMode && sa.State == IkeSaState.Connecting;
        if (!sa.Keymat.HasKeys || !sa.Keymat.TryDecrypt(header.MessageId, parsed.EncryptedBody.Span, out var plaintext))
        {
            sa.Trace(IkeTraceCategory.Receive, $"encrypted {header.ExchangeType} message that cannot be decrypted yet dropped");
            FailIfMessage5WasUnreadable(header, remote);
            return null;
        }

        try
        {
            return Admitted(new ReceivedMessage(parsed.WithDecryptedBody(plaintext), plaintext, wasEncrypted: true, local, remote));
        }
        catch (IsakmpProtocolException garbage) when (inMainMode)
        {
            // Decryption with a key from another pre-shared key gives noise, which does not
            // parse: the one thing an undecryptable message 5 or 6 means is a wrong key.
            var step = sa.IsOriginalInitiator ? "message 6" : "message 5";
            throw new IkeNegotiationException(
                NegotiationFailureReason.AuthenticationFailed,
                FailurePoint.Me,
                $"main mode {step} from {remote} does not decrypt to valid payloads ({garbage.Message}): the pre-shared keys differ",
                notifyToSend: IsakmpNotifyType.AuthenticationFailed);
        }
        catch (IsakmpProtocolException malformed)
        {
            OnMalformed(header, malformed);
            FailIfMessage5WasUnreadable(header, remote);
            return null;
        }
    }

    /// <summary>
    /// Main mode as initiator, message 5 sent, and the peer answers with an encrypted informational
    /// that does not decrypt with our keys: the peer could not read message 5 either and says so
    /// under its own key (strongSwan sends PAYLOAD-MALFORMED with HASH(1)), which only different
    /// pre-shared keys explain. Without this the initiator would resend message 5 until it gave up
    /// with "no response", which sends an administrator looking for the wrong problem.
    /// </summary>
    private void FailIfMessage5WasUnreadable(IsakmpHeader header, IPEndPoint remote)
    {
        if (header.ExchangeType == IsakmpExchangeType.Informational && sa.State == IkeSaState.Connecting && sa.IsOriginalInitiator && sa.Keymat.HasKeys)
        {
            sa.Tasks.FailAll(new IkeNegotiationException(
                NegotiationFailureReason.AuthenticationFailed,
                FailurePoint.Peer,
                $"{remote} answered main mode message 5 with an encrypted informational that does not decrypt with our keys: the pre-shared keys differ"));
        }
    }

    /// <summary>
    /// A message the codec refused. We answer with its notification unless it was informational
    /// (no notify war, as strongSwan); during main mode it ends the negotiation.
    /// </summary>
    private void OnMalformed(IsakmpHeader header, IsakmpProtocolException malformed)
    {
        sa.Trace(IkeTraceCategory.Receive, $"malformed {header.ExchangeType} message: {malformed.NotifyType}: {malformed.Message}");
        if (header.ExchangeType == IsakmpExchangeType.Informational)
        {
            return;
        }

        if (header.ExchangeType == IsakmpExchangeType.MainMode && sa.State == IkeSaState.Connecting)
        {
            throw new IkeNegotiationException(NegotiationFailureReason.PayloadMalformed, FailurePoint.Me, malformed.Message, notifyToSend: malformed.NotifyType);
        }

        sa.Tasks.SendNotify(malformed.NotifyType, IsakmpProtocolId.Isakmp, ReadOnlySpan<byte>.Empty);
    }

    private ReceivedMessage? Admitted(ReceivedMessage received) => Admit(received) ? received : null;

    /// <summary>The message rules of the exchange, checked before any task runs.</summary>
    private bool Admit(ReceivedMessage received)
    {
        var header = received.Message.Header;
        sa.Trace(IkeTraceCategory.Receive, $"from {received.Remote}: {PayloadDescriber.Describe(header, received.Payloads, received.WasEncrypted)}");
        var violation = MessageRuleTable.Check(received.Message, received.WasEncrypted);
        if (violation is null)
        {
            return true;
        }

        sa.Trace(IkeTraceCategory.Receive, $"message refused: {violation.Reason}");
        if (header.ExchangeType == IsakmpExchangeType.MainMode && sa.State == IkeSaState.Connecting)
        {
            throw new IkeNegotiationException(NegotiationFailureReason.PayloadMalformed, FailurePoint.Me, violation.Reason, notifyToSend: violation.Notify);
        }

        if (header.ExchangeType != IsakmpExchangeType.Informational && violation.Notify != IsakmpNotifyType.InvalidHashInformation)
        {
            sa.Tasks.SendNotify(violation.Notify, IsakmpProtocolId.Isakmp, ReadOnlySpan<byte>.Empty);
        }

        return false;
    }
}
