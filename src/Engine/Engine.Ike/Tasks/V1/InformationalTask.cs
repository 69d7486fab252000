using System.Buffers.Binary;
using System.Security.Cryptography;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Sa;
using Engine.Ike.TaskManagement;
using Engine.Ike.Trace;

namespace Engine.Ike.Tasks.V1;

/// <summary>
/// The responder half of an informational exchange (strongSwan's informational, isakmp_delete,
/// quick_delete): checks HASH(1), then acts on DELETE (the ISAKMP SA, or child SAs by the SPIs
/// the peer sent, which are our outbound ones) and notifications: INITIAL-CONTACT, DPD, and error
/// notifications that end the quick mode or, before phase 1 is done, the main mode they concern.
/// A cleartext informational is believed only for errors during main mode, and only with both
/// cookies right, as strongSwan does. The initiator half is <see cref="TaskManager.SendInformational"/>.
/// </summary>
internal sealed class InformationalTask
{
    private readonly IkeSa sa;

    public InformationalTask(IkeSa sa)
    {
        this.sa = sa;
    }

    public void Process(ReceivedMessage message)
    {
        if (!message.WasEncrypted)
        {
            ProcessUnauthenticated(message);
            return;
        }

        if (!sa.Keymat.IsPhase1Complete || message.Payloads[0] is not HashPayload hash
            || !CryptographicOperations.FixedTimeEquals(sa.Keymat.InformationalHash(message.MessageId, message.RawAfter(hash)), hash.Data.Span))
        {
            sa.Trace(IkeTraceCategory.Receive, "informational HASH(1) does not verify: ignored");
            return;
        }

        sa.LastInbound = sa.Context.Now;
        foreach (var notify in message.FindAll<NotificationPayload>())
        {
            ProcessNotify(notify);
        }

        foreach (var delete in message.FindAll<DeletePayload>())
        {
            ProcessDelete(delete);
        }
    }

    private void ProcessUnauthenticated(ReceivedMessage message)
    {
        var errors = message.FindAll<NotificationPayload>().Where(notify => notify.IsError).ToArray();
        if (sa.State != IkeSaState.Connecting || errors.Length == 0)
        {
            sa.Trace(IkeTraceCategory.Receive, "unauthenticated informational outside main mode: ignored");
            return;
        }

        var error = errors[0].NotifyType;
        sa.Tasks.FailAll(new IkeNegotiationException(
            ReasonFor(error),
            FailurePoint.Peer,
            $"{sa.Remote} refused main mode with {error} (unauthenticated notification)",
            notifyReceived: error));
    }

    private void ProcessNotify(NotificationPayload notify)
    {
        switch (notify.NotifyType)
        {
            case IsakmpNotifyType.RUThere or IsakmpNotifyType.RUThereAck:
                sa.DeadPeerDetection.Process(notify);
                return;
            case IsakmpNotifyType.InitialContact:
                sa.HonourInitialContact();
                return;
            case IsakmpNotifyType.Connected or IsakmpNotifyType.ResponderLifetime or IsakmpNotifyType.ReplayStatus:
                sa.Trace(IkeTraceCategory.Receive, $"{notify.NotifyType} noted");
                return;
        }

        if (!notify.IsError)
        {
            sa.Trace(IkeTraceCategory.Receive, $"status notification {(ushort)notify.NotifyType} ignored");
            return;
        }

        // An error about a quick mode names the SPI we offered; some peers send none, and then it
        // can only be about the quick mode we have in the air. strongSwan 5.9 as quick mode
        // responder sends a 4-byte SPI of zero (it allocates its SPI only for a proposal it
        // chose); zero is never an SPI on the wire (RFC 4303 2.1), so it means "none" too.
        uint? spi = notify.Spi.Length == 4 && BinaryPrimitives.ReadUInt32BigEndian(notify.Spi.Span) is var named and not 0 ? named : null;
        var failure = new IkeNegotiationException(
            ReasonFor(notify.NotifyType),
            FailurePoint.Peer,
            $"{sa.Remote} refused the quick mode with {notify.NotifyType}",
            notifyReceived: notify.NotifyType);
        var matched = sa.Tasks.FailInitiating(task => task is QuickModeTask quickMode && (spi is null || quickMode.Offered(spi.Value)), failure);
        if (!matched)
        {
            sa.Trace(IkeTraceCategory.Receive, $"error notification {notify.NotifyType} for no exchange of ours");
            sa.Context.Publish(new PeerInformationEvent
            {
                Time = sa.Context.Now,
                Local = sa.Local,
                Remote = sa.Remote,
                IkeSaId = sa.Id,
                Message = $"{sa.Remote} sent {notify.NotifyType}",
            });
        }
    }

    private void ProcessDelete(DeletePayload delete)
    {
        if (delete.ProtocolId == IsakmpProtocolId.Isakmp)
        {
            foreach (var cookies in delete.Spis)
            {
                var initiator = BinaryPrimitives.ReadUInt64BigEndian(cookies.Span);
                var responder = BinaryPrimitives.ReadUInt64BigEndian(cookies.Span[8..]);
                var target = sa.Context.IkeSas.WithInitiatorCookie(initiator).ToArray().FirstOrDefault(other => other.InitiatorCookie == initiator && other.ResponderCookie == responder && other.Remote.Address.Equals(sa.Remote.Address));
                if (target is null)
                {
                    sa.Trace(IkeTraceCategory.Receive, $"DELETE for unknown ISAKMP SA {initiator:x16}/{responder:x16}");
                    continue;
                }

                target.Delete(SaEndReason.DeletedByPeer, notifyPeer: false);
            }

            return;
        }

        var protocol = delete.ProtocolId == IsakmpProtocolId.Ah ? IpsecProtocol.Ah : IpsecProtocol.Esp;
        foreach (var bytes in delete.Spis)
        {
            var spi = BinaryPrimitives.ReadUInt32BigEndian(bytes.Span);

            // The peer names its inbound SPI, our outbound one; some implementations send ours.
            var child = sa.Context.ChildSasOf(sa.Remote.Address).FirstOrDefault(c => c.OutboundSpis.TryGetValue(protocol, out var outbound) && outbound == spi)
                ?? sa.Context.ChildSasOf(sa.Remote.Address).FirstOrDefault(c => c.InboundSpis.TryGetValue(protocol, out var inbound) && inbound == spi);
            if (child is null)
            {
                sa.Trace(IkeTraceCategory.Receive, $"DELETE for unknown {protocol} SPI 0x{spi:x8}");
                continue;
            }

            child.Delete(SaEndReason.DeletedByPeer, notifyPeer: false);
        }
    }

    private static NegotiationFailureReason ReasonFor(IsakmpNotifyType type) => type switch
    {
        IsakmpNotifyType.NoProposalChosen => NegotiationFailureReason.NoProposalChosen,
        IsakmpNotifyType.AuthenticationFailed => NegotiationFailureReason.AuthenticationFailed,
        IsakmpNotifyType.InvalidIdInformation => NegotiationFailureReason.InvalidIdInformation,
        IsakmpNotifyType.PayloadMalformed or IsakmpNotifyType.InvalidPayloadType or IsakmpNotifyType.BadProposalSyntax
            or IsakmpNotifyType.UnequalPayloadLengths => NegotiationFailureReason.PayloadMalformed,
        IsakmpNotifyType.InvalidKeyInformation => NegotiationFailureReason.InvalidKeyInformation,
        IsakmpNotifyType.InvalidHashInformation => NegotiationFailureReason.InvalidHashInformation,
        _ => NegotiationFailureReason.PeerError,
    };
}
