namespace Engine.L2tp.Ppp.Addressing;

/// <summary>Why <see cref="Ipv4AddressPool.TryLease"/> gave no address.</summary>
public enum AddressAllocationFailure
{
    None,

    /// <summary>Every address of the range is in use.</summary>
    PoolExhausted,

    /// <summary>The user has a static address and another session holds it.</summary>
    StaticAddressInUse,
}
