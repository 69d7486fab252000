using System.Net;
using System.Security.Cryptography;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Network;
using Engine.Ike.Sa;
using Engine.Ike.Tasks.V1;
using Engine.Ike.Trace;

namespace Engine.Ike.TaskManagement;

/// <summary>
/// The IKEv1 task manager of one ISAKMP SA (strongSwan's task_manager_v1): it owns message ids,
/// queues exchanges we start and runs one at a time, creates responder tasks for a peer's
/// exchanges, checks each message against the exchange's rules before any task sees it,
/// retransmits what goes unanswered (and, for quick mode, the responder's second message, since
/// the initiator's third has no answer), answers a retransmitted request with the stored
/// response, ignores late copies of earlier steps, and turns a task's failure into a
/// notification, a 547 event and the end of the exchange.
/// </summary>
internal sealed class TaskManager
{
    private const int FinishedExchangesKept = 8;
    private readonly IkeSa sa;
    private readonly IncomingMessageReader reader;
    private readonly Queue<(IsakmpExchangeType Type, IIkeTask[] Tasks)> queue = new();
    private readonly Dictionary<uint, Exchange> responding = [];

    /// <summary>
    /// Finished exchanges whose last message was ours, newest last: a repeat of the request it
    /// answered gets it again (RFC 2408 section 5.7's retransmission of the last response). Only
    /// while the peer may still ask: an exchange that ended with the peer's message (main mode 6
    /// at the initiator, quick mode 3 at the responder) shows that the peer has our last one, and
    /// main mode 6 is known received once the peer speaks under the phase 1 keys.
    /// </summary>
    private List<Exchange>? finished;

    /// <summary>
    /// Type and message id of the last finished exchanges, kept after their messages are dropped:
    /// a late copy of one of their messages is ignored instead of starting anything anew.
    /// </summary>
    private ulong[]? finishedIds;
    private int finishedIdCount;
    private int finishedIdNext;
    private bool mainModeFinished;
    private Exchange? initiating;

    public TaskManager(IkeSa sa)
    {
        this.sa = sa;
        reader = new IncomingMessageReader(sa);
    }

    /// <summary>No exchange is in the air (a deletion waits for this).</summary>
    public bool IsIdle => initiating is null && responding.Count == 0;

    /// <summary>Exchanges we started or queued, with their tasks (the engine counts pending quick modes).</summary>
    public IEnumerable<IIkeTask> InitiatorTasks =>
        (initiating?.Tasks ?? []).Concat(queue.SelectMany(item => item.Tasks));

    /// <summary>Exchanges the peer started that are under way (the statistics' active receives).</summary>
    public int RespondingExchanges => responding.Count;

    /// <summary>Finished exchanges kept with their last message for a repeated request.</summary>
    public int KeptAnswers => finished?.Count ?? 0;

    private IkeContext Context => sa.Context;

    public void Queue(IsakmpExchangeType type, params IIkeTask[] tasks)
    {
        queue.Enqueue((type, tasks));
        InitiateNext();
    }

    /// <summary>Starts the next queued exchange when none of ours is in the air and the SA is ready for it.</summary>
    public void InitiateNext()
    {
        while (initiating is null && queue.Count > 0 && sa.State is IkeSaState.Connecting or IkeSaState.Established)
        {
            var (type, tasks) = queue.Peek();
            if (type == IsakmpExchangeType.QuickMode && sa.State != IkeSaState.Established)
            {
                return;
            }

            queue.Dequeue();
            var exchange = new Exchange(type, type == IsakmpExchangeType.MainMode ? 0 : NewMessageId(), weInitiated: true, tasks);
            initiating = exchange;
            try
            {
                BuildAndSend(exchange);
            }
            catch (IkeNegotiationException failure)
            {
                HandleFailure(exchange, failure);
            }
        }
    }

    /// <summary>
    /// An informational exchange: one message, never retransmitted (RFC 2408 section 4.8). After
    /// phase 1 it is encrypted with HASH(1) in front; before, it is cleartext (error
    /// notifications about the negotiation itself).
    /// </summary>
    public void SendInformational(IReadOnlyList<IsakmpPayload> payloads)
    {
        if (sa.State == IkeSaState.Destroyed)
        {
            return;
        }

        var messageId = NewMessageId();
        var encrypt = sa.State == IkeSaState.Established && sa.Keymat.IsPhase1Complete;
        var message = new OutgoingMessage(IsakmpExchangeType.Informational, messageId, encrypt);
        if (encrypt)
        {
            var hash = sa.Keymat.InformationalHash(messageId, IsakmpPayloadChain.ToArray(payloads));
            message.Add(new HashPayload(hash));
        }

        message.Payloads.AddRange(payloads);
        Send(message);
        sa.Keymat.ForgetExchange(messageId);
    }

    /// <summary>An error notification about the ISAKMP SA or, with an SPI, about a quick mode.</summary>
    public void SendNotify(IsakmpNotifyType type, IsakmpProtocolId protocol, ReadOnlySpan<byte> spi)
    {
        var notify = protocol == IsakmpProtocolId.Isakmp
            ? NotificationPayload.Error(type, sa.InitiatorCookie, sa.ResponderCookie)
            : new NotificationPayload(IsakmpDomainOfInterpretation.Ipsec, protocol, type, spi, ReadOnlySpan<byte>.Empty);
        SendInformational([notify]);
    }

    /// <summary>Handles one received message of this SA (already without the non-ESP marker).</summary>
    public void Process(IsakmpHeader header, ReadOnlyMemory<byte> bytes, IPEndPoint local, IPEndPoint remote)
    {
        var hash = Exchange.HashOf(bytes.Span);
        var exchange = Find(header);
        if (exchange is not null)
        {
            if (exchange.IsDuplicate(hash))
            {
                OnDuplicate(exchange, hash);
                return;
            }

            if (exchange.IsOld(hash))
            {
                sa.Trace(IkeTraceCategory.Receive, $"late retransmission for {exchange} ignored");
                return;
            }

            if (exchange.IsComplete)
            {
                sa.Trace(IkeTraceCategory.Receive, $"message for the finished {exchange} ignored");
                return;
            }
        }

        try
        {
            var received = reader.Read(header, bytes, local, remote);
            if (received is not null)
            {
                Dispatch(received, exchange, hash);
            }
            else
            {
                Context.Statistics.CountInvalidPacket();
            }
        }
        catch (IkeNegotiationException failure)
        {
            var failed = exchange ?? (header.ExchangeType == IsakmpExchangeType.MainMode ? responding.GetValueOrDefault(0u) : null);
            if (failed is not null)
            {
                HandleFailure(failed, failure);
            }
            else if (header.ExchangeType == IsakmpExchangeType.MainMode)
            {
                HandleFailure(new Exchange(IsakmpExchangeType.MainMode, 0, weInitiated: false, []), failure);
            }
        }

        sa.RunPendingDeletion();
        InitiateNext();
    }

    /// <summary>Gives up on every exchange (half-open timeout): main mode failure ends the SA.</summary>
    public void FailAll(IkeNegotiationException failure)
    {
        var exchange = initiating ?? responding.Values.FirstOrDefault() ?? new Exchange(IsakmpExchangeType.MainMode, 0, weInitiated: false, []);
        HandleFailure(exchange, failure);
    }

    /// <summary>Fails the quick mode we started whose task matches (the peer refused it in an informational).</summary>
    public bool FailInitiating(Func<IIkeTask, bool> concerns, IkeNegotiationException failure)
    {
        if (initiating is { } exchange && exchange.Tasks.Any(concerns))
        {
            HandleFailure(exchange, failure);
            InitiateNext();
            return true;
        }

        return false;
    }

    /// <summary>The SA is going: stop every timer and let every task give back what it holds.</summary>
    public void Abort()
    {
        var exchanges = responding.Values.Append(initiating).OfType<Exchange>().ToArray();
        foreach (var exchange in exchanges)
        {
            exchange.StopRetransmitting();
            foreach (var task in exchange.Tasks)
            {
                task.Abort();
            }

            exchange.Tasks.Clear();
        }

        foreach (var (_, tasks) in queue)
        {
            foreach (var task in tasks)
            {
                task.Abort();
            }
        }

        queue.Clear();
        responding.Clear();
        initiating = null;
    }

    private Exchange? Find(IsakmpHeader header)
    {
        if (initiating is { } active && active.MessageId == header.MessageId && active.Type == header.ExchangeType)
        {
            return active;
        }

        if (responding.TryGetValue(header.MessageId, out var answering) && answering.Type == header.ExchangeType)
        {
            return answering;
        }

        if (finished is not null)
        {
            for (var i = finished.Count - 1; i >= 0; i--)
            {
                if (finished[i].MessageId == header.MessageId && finished[i].Type == header.ExchangeType)
                {
                    return finished[i];
                }
            }
        }

        // A finished exchange whose messages are no longer kept: a complete one without tasks or
        // answers, for which every message is ignored.
        return (header.ExchangeType == IsakmpExchangeType.MainMode && header.MessageId == 0 && mainModeFinished)
            || WasFinished(header.ExchangeType, header.MessageId)
            ? new Exchange(header.ExchangeType, header.MessageId, weInitiated: false, [])
            : null;
    }

    private void OnDuplicate(Exchange exchange, byte[] hash)
    {
        // A repeated message gets the answer it got before. The responder answers every such
        // request; the initiator only once it has nothing left to wait for (quick mode 3 after a
        // repeated 2), since until then its own timer resends.
        if (exchange.LastSent is { } sent && exchange.AnsweredBy(hash) && (!exchange.WeInitiated || exchange.IsComplete))
        {
            sa.Trace(IkeTraceCategory.Receive, $"retransmitted message of {exchange} received: sending the stored answer again");
            Context.Transport.Send(sent);
        }
        else
        {
            sa.Trace(IkeTraceCategory.Receive, $"retransmitted message of {exchange} received: ignored");
        }
    }

    private void Dispatch(ReceivedMessage received, Exchange? exchange, byte[] hash)
    {
        var header = received.Message.Header;
        switch (header.ExchangeType)
        {
            case IsakmpExchangeType.Informational:
                new InformationalTask(sa).Process(received);
                sa.Keymat.ForgetExchange(header.MessageId);
                if (received.WasEncrypted)
                {
                    ForgetMainModeAnswer();
                }

                break;

            case IsakmpExchangeType.MainMode when sa.IsOriginalInitiator:
                if (exchange is not null && exchange == initiating)
                {
                    ProcessMessage(exchange, received, hash);
                }

                break;

            case IsakmpExchangeType.MainMode:
                if (exchange is null && sa.State == IkeSaState.Connecting && !mainModeFinished)
                {
                    exchange = new Exchange(IsakmpExchangeType.MainMode, 0, weInitiated: false, MainModeTask.ResponderTasks(sa));
                    responding[0] = exchange;
                }

                if (exchange is not null)
                {
                    ProcessMessage(exchange, received, hash);
                }

                break;

            case IsakmpExchangeType.QuickMode:
                if (exchange is null && sa.State == IkeSaState.Established)
                {
                    exchange = new Exchange(IsakmpExchangeType.QuickMode, header.MessageId, weInitiated: false, [new QuickModeTask(sa)]);
                    responding[header.MessageId] = exchange;
                    Context.Statistics.CountReceive();
                }

                if (exchange is not null)
                {
                    ProcessMessage(exchange, received, hash);
                }
                else
                {
                    sa.Trace(IkeTraceCategory.Receive, "quick mode before main mode is established: ignored");
                }

                break;
        }
    }

    private void ProcessMessage(Exchange exchange, ReceivedMessage received, byte[] hash)
    {
        try
        {
            // Answers go back along the path the message came (a NAT may have changed it); a
            // task may still move us on, as NAT detection floats to the NAT-T port.
            sa.Local = received.Local;
            sa.Remote = received.Remote;
            for (var i = 0; i < exchange.Tasks.Count;)
            {
                var task = exchange.Tasks[i];
                var status = task.Process(received);
                if (status == TaskStatus.Ignored && i == 0)
                {
                    sa.Trace(IkeTraceCategory.Receive, $"{task.Name} does not expect this message now: ignored");
                    if (exchange.Tasks.Count > 0 && !exchange.WeInitiated && exchange.LastSent is null)
                    {
                        Forget(exchange);
                    }

                    return;
                }

                if (status == TaskStatus.Done)
                {
                    exchange.Tasks.RemoveAt(i);
                }
                else
                {
                    i++;
                }
            }

            exchange.Received(hash);
            exchange.StopRetransmitting();
            if (exchange.Type != IsakmpExchangeType.MainMode)
            {
                ForgetMainModeAnswer();
            }

            sa.LastInbound = Context.Now;
            if (exchange.IsComplete)
            {
                // Ended by the peer's message (main mode 6, quick mode 3): it has our last one.
                Finish(exchange, lastMessageOurs: false);
            }
            else
            {
                BuildAndSend(exchange, answering: hash);
            }
        }
        catch (IkeNegotiationException failure)
        {
            HandleFailure(exchange, failure);
        }
    }

    private void BuildAndSend(Exchange exchange, byte[]? answering = null)
    {
        var message = new OutgoingMessage(exchange.Type, exchange.MessageId, encrypt: exchange.Type != IsakmpExchangeType.MainMode && sa.Keymat.IsPhase1Complete);
        foreach (var task in exchange.Tasks.ToArray())
        {
            if (task.Build(message) == TaskStatus.Done)
            {
                exchange.Tasks.Remove(task);
            }
        }

        if (message.Payloads.Count > 0)
        {
            exchange.LastSent = Send(message);
            exchange.LastSentAnswers = answering;
            exchange.Retransmissions = 0;
            foreach (var after in message.AfterSend)
            {
                after();
            }
        }

        if (exchange.IsComplete)
        {
            Finish(exchange);
        }
        else if (exchange.WeInitiated || exchange.Type == IsakmpExchangeType.QuickMode)
        {
            ScheduleRetransmit(exchange);
        }
    }

    private IkeDatagram Send(OutgoingMessage message)
    {
        var header = new IsakmpHeader
        {
            InitiatorSpi = sa.InitiatorCookie,
            ResponderSpi = sa.ResponderCookie,
            ExchangeType = message.Exchange,
            MessageId = message.MessageId,
        };
        byte[] bytes;
        if (message.Encrypt)
        {
            var ciphertext = sa.Keymat.Encrypt(message.MessageId, IsakmpPayloadChain.ToArray(message.Payloads));
            bytes = IsakmpMessage.CreateEncrypted(header, message.Payloads[0].PayloadType, ciphertext).ToArray();
        }
        else
        {
            bytes = new IsakmpMessage(header, message.Payloads).ToArray();
        }

        sa.Trace(IkeTraceCategory.Send, $"to {sa.Remote}: {PayloadDescriber.Describe(header, message.Payloads, message.Encrypt)}");
        Context.Send(bytes, sa.Local, sa.Remote);
        var payload = sa.Local.Port == Context.Options.NatTraversal.NatTraversalPort ? NatTraversalFraming.AddNonEspMarker(bytes) : bytes;
        return new IkeDatagram(payload, sa.Local, sa.Remote);
    }

    private void ScheduleRetransmit(Exchange exchange)
    {
        exchange.StopRetransmitting();
        var wait = Context.Options.Retransmission.TimeoutAfter(exchange.Retransmissions);
        exchange.RetransmitJob = Context.Scheduler.Schedule(wait, "retransmit", () => Retransmit(exchange));
    }

    private void Retransmit(Exchange exchange)
    {
        if (sa.State == IkeSaState.Destroyed || exchange.IsComplete || exchange.LastSent is not { } sent)
        {
            return;
        }

        var settings = Context.Options.Retransmission;
        if (exchange.Retransmissions >= settings.Tries)
        {
            HandleFailure(exchange, new IkeNegotiationException(
                NegotiationFailureReason.NoResponse,
                FailurePoint.Peer,
                $"no response from {sa.Remote} to {exchange} after {settings.Tries} retransmissions"));
            sa.RunPendingDeletion();
            InitiateNext();
            return;
        }

        exchange.Retransmissions++;
        sa.Trace(IkeTraceCategory.State, $"retransmitting {exchange} ({exchange.Retransmissions} of {settings.Tries})");
        Context.Transport.Send(sent);
        ScheduleRetransmit(exchange);
    }

    /// <summary>
    /// An exchange is over. <paramref name="lastMessageOurs"/>: it ended with a message of ours,
    /// which the peer may ask for again by repeating its request; otherwise the peer's last message
    /// shows it has all of ours, and only the exchange's id is kept.
    /// </summary>
    private void Finish(Exchange exchange, bool lastMessageOurs = true)
    {
        exchange.StopRetransmitting();
        Forget(exchange);
        RememberFinished(exchange.Type, exchange.MessageId);
        if (lastMessageOurs && exchange.LastSent is not null)
        {
            finished ??= new List<Exchange>(2);
            finished.Add(exchange);
            if (finished.Count > FinishedExchangesKept)
            {
                finished.RemoveAt(0);
            }
        }

        sa.Keymat.ForgetExchange(exchange.MessageId);
    }

    /// <summary>
    /// The peer spoke under the phase 1 keys in a later exchange, so it has main mode 6: the
    /// answer kept for a repeated main mode 5 is not needed any more.
    /// </summary>
    private void ForgetMainModeAnswer()
    {
        if (finished is not null && finished.RemoveAll(done => done.Type == IsakmpExchangeType.MainMode) > 0 && finished.Count == 0)
        {
            finished = null;
        }
    }

    private void RememberFinished(IsakmpExchangeType type, uint messageId)
    {
        if (type == IsakmpExchangeType.MainMode)
        {
            mainModeFinished = true;
            return;
        }

        finishedIds ??= new ulong[FinishedExchangesKept];
        finishedIds[finishedIdNext] = ((ulong)type << 32) | messageId;
        finishedIdNext = (finishedIdNext + 1) % finishedIds.Length;
        finishedIdCount = Math.Min(finishedIdCount + 1, finishedIds.Length);
    }

    private bool WasFinished(IsakmpExchangeType type, uint messageId) =>
        finishedIds is not null && Array.IndexOf(finishedIds, ((ulong)type << 32) | messageId, 0, finishedIdCount) >= 0;

    private bool WasFinishedId(uint messageId)
    {
        for (var i = 0; i < finishedIdCount; i++)
        {
            if ((uint)finishedIds![i] == messageId)
            {
                return true;
            }
        }

        return false;
    }

    private void Forget(Exchange exchange)
    {
        if (initiating == exchange)
        {
            initiating = null;
        }

        if (responding.TryGetValue(exchange.MessageId, out var answering) && answering == exchange)
        {
            responding.Remove(exchange.MessageId);
        }
    }

    private void HandleFailure(Exchange exchange, IkeNegotiationException failure)
    {
        var mode = exchange.Type == IsakmpExchangeType.QuickMode ? NegotiationMode.QuickMode : NegotiationMode.MainMode;
        if (exchange.WeInitiated)
        {
            Context.Statistics.CountAcquireFailure();
        }

        var policy = exchange.Tasks.Select(task => task.PolicyName).FirstOrDefault(name => name is not null);
        sa.Trace(IkeTraceCategory.Failure, $"{mode} failed ({failure.Reason}, failure point {failure.FailurePoint}): {failure.Message}"
            + (failure.Refusals.Count == 0 ? string.Empty : $"; refused: {string.Join("; ", failure.Refusals)}"));
        if (failure.NotifyToSend is { } notify)
        {
            SendNotify(notify, failure.NotifyProtocol, failure.NotifySpi);
        }

        Context.Publish(new NegotiationFailedEvent
        {
            Time = Context.Now,
            Local = sa.Local,
            Remote = sa.Remote,
            IkeSaId = sa.Id,
            Mode = mode,
            Reason = failure.Reason,
            FailurePoint = failure.FailurePoint,
            Notification = failure.NotifyToSend ?? failure.NotifyReceived,
            Detail = failure.Message,
            Refusals = failure.Refusals,
            Policy = policy,
        });
        foreach (var task in exchange.Tasks)
        {
            task.Abort();
        }

        exchange.Tasks.Clear();
        Finish(exchange);
        if (mode == NegotiationMode.MainMode)
        {
            sa.Destroy();
        }
    }

    private uint NewMessageId()
    {
        while (true)
        {
            var id = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
            if (id != 0 && !responding.ContainsKey(id) && initiating?.MessageId != id && !WasFinishedId(id))
            {
                return id;
            }
        }
    }
}
