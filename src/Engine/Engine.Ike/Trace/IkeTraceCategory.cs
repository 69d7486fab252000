namespace Engine.Ike.Trace;

public enum IkeTraceCategory
{
    /// <summary>A message sent: exchange, message id, payloads.</summary>
    Send,

    /// <summary>A message received: exchange, message id, payloads.</summary>
    Receive,

    /// <summary>Proposals offered, chosen and refused.</summary>
    Proposal,

    /// <summary>State changes, retransmissions, timers.</summary>
    State,

    /// <summary>Why a negotiation failed.</summary>
    Failure,

    /// <summary>Key material: only with <see cref="Configuration.IkeEngineOptions.TraceIncludesKeys"/>.</summary>
    Keys,
}
