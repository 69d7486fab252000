namespace IpSecPolicy.Model.Compiler;

/// <summary>What became of one effective filter when a packet was classified.</summary>
public enum CandidateOutcome
{
    /// <summary>Ordered before the deciding filter, but a field did not match.</summary>
    NotMatched,

    /// <summary>The first filter in order that matches: it decides the packet.</summary>
    Decided,

    /// <summary>Matches too, but is ordered after the deciding filter (less specific), so it lost.</summary>
    LessSpecific,
}
