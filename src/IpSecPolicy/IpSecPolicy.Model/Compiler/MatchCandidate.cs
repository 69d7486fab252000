namespace IpSecPolicy.Model.Compiler;

/// <summary>One effective filter considered for a packet, and why it won or lost.</summary>
public sealed class MatchCandidate
{
    public MatchCandidate(EffectiveFilter filter, CandidateOutcome outcome, PacketField? mismatch, string reason)
    {
        Filter = filter;
        Outcome = outcome;
        Mismatch = mismatch;
        Reason = reason;
    }

    public EffectiveFilter Filter { get; }

    public CandidateOutcome Outcome { get; }

    /// <summary>The field that did not match, for <see cref="CandidateOutcome.NotMatched"/>.</summary>
    public PacketField? Mismatch { get; }

    public string Reason { get; }

    public int Order => Filter.Order;

    public string Rule => Filter.Rule;

    public override string ToString() => $"#{Filter.Order} {Outcome}: {Reason}";
}
