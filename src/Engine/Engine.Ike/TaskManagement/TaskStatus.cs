namespace Engine.Ike.TaskManagement;

/// <summary>What a task says after building or processing a message (strongSwan's status_t subset).</summary>
internal enum TaskStatus
{
    /// <summary>The task has more to do in this exchange: after Build, a reply is expected; after Process, something to send.</summary>
    NeedMore,

    /// <summary>The task is finished and leaves the exchange.</summary>
    Done,

    /// <summary>Process only: the message is not the one the task waits for (a late or misplaced one); nothing changed.</summary>
    Ignored,
}
