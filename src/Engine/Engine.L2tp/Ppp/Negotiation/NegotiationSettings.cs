using System;

namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>
/// The counters and timer of RFC 1661 section 4.6, with its suggested defaults: Restart timer 3
/// seconds, Max-Terminate 2, Max-Configure 10, Max-Failure 5.
/// </summary>
public sealed record NegotiationSettings
{
    public static NegotiationSettings Default { get; } = new();

    /// <summary>Time between retransmissions of Configure-Request and Terminate-Request.</summary>
    public TimeSpan RestartInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Configure-Requests sent without an answer before giving up.</summary>
    public int MaxConfigure { get; init; } = 10;

    /// <summary>Terminate-Requests sent without a Terminate-Ack before giving up.</summary>
    public int MaxTerminate { get; init; } = 2;

    /// <summary>Configure-Naks sent without a Configure-Ack before the options are rejected instead.</summary>
    public int MaxFailure { get; init; } = 5;
}
