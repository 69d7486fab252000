namespace Engine.Ike.TaskManagement;

/// <summary>
/// One concern of an exchange (main mode proper, vendor IDs, NAT detection, quick mode) with its
/// initiator and responder halves, as strongSwan's task_t: the task manager calls
/// <see cref="Build"/> to fill an outgoing message and <see cref="Process"/> with each incoming
/// one, on every task of the exchange in order. A task that gives up throws
/// <see cref="IkeNegotiationException"/>.
/// </summary>
internal interface IIkeTask
{
    string Name { get; }

    /// <summary>The child policy (rule) a quick mode works for, for the 547 event; null elsewhere.</summary>
    string? PolicyName => null;

    TaskStatus Build(OutgoingMessage message);

    TaskStatus Process(ReceivedMessage message);

    /// <summary>The exchange failed or its SA went away: give back what was reserved (SPIs, DH values).</summary>
    void Abort();
}
