namespace Engine.Ike.Events;

/// <summary>Which side gave up, as Windows' 547 event says "Failure Point: Me / Peer".</summary>
public enum FailurePoint
{
    Me,
    Peer,
}
