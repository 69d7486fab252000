namespace Engine.Platform.Linux.Nftables;

/// <summary>What happens to a packet that matches an <see cref="EnforcementRule"/>. The first matching rule decides.</summary>
public enum EnforcementVerdict
{
    /// <summary>Pass in the clear (a Permit filter, an exemption).</summary>
    Accept,

    /// <summary>Discard (a Block filter).</summary>
    Drop,

    /// <summary>
    /// Outbound only: set <see cref="Routing.PolicyRoutingOptions.SecureMark"/>, so that policy
    /// routing carries the packet into the TUN device for the engine to secure. If it would leave
    /// through any other interface (the engine is gone), the guard chain drops it.
    /// </summary>
    MarkForTun,

    /// <summary>
    /// Inbound only: accept the packet if it came out of the TUN device (the engine decrypted it),
    /// drop it otherwise: cleartext that policy says must arrive secured.
    /// </summary>
    DropIfNotFromTun,
}
