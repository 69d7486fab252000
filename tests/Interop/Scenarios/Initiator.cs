namespace Interop.Scenarios;

/// <summary>Who starts main mode and quick mode: every scenario runs both ways.</summary>
public enum Initiator
{
    /// <summary>Our engine, on the first packet its policy says to secure (an acquire).</summary>
    Engine,

    /// <summary>The peer (swanctl --initiate, whack --initiate).</summary>
    Peer,
}
