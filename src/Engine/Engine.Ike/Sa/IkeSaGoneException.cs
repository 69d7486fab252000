namespace Engine.Ike.Sa;

/// <summary>
/// The ISAKMP SA (or the whole engine) went away while one of its key exchanges ran outside the
/// engine's lock (<see cref="EngineGate.OutsideLock"/>): the datagram's processing ends silently,
/// whatever removed the SA has already reported it.
/// </summary>
internal sealed class IkeSaGoneException : Exception
{
    public IkeSaGoneException()
        : base("The ISAKMP SA went away during its key exchange.")
    {
    }
}
