namespace Engine.DataPlane.Spd;

/// <summary>
/// One outbound security policy entry: packets the host routed into the TUN device that match
/// <see cref="Selector"/> (local = source) are protected by the outbound SA with the same
/// <see cref="ReqId"/>. Only "Negotiate" traffic reaches the data plane; Permit and Block are
/// enforced by nftables before routing, and cleartext inbound that should have been secured is
/// dropped there too.
/// </summary>
public sealed record SpdEntry
{
    /// <summary>The host's identifier; adding an entry with an existing id replaces it.</summary>
    public required int Id { get; init; }

    /// <summary>Lower values are matched first; equal priorities keep the order they were added in.</summary>
    public int Priority { get; init; }

    public required TrafficSelector Selector { get; init; }

    public SpdAction Action { get; init; } = SpdAction.Protect;

    /// <summary>The outbound SAs this entry uses (see <c>SaSpecification.ReqId</c>).</summary>
    public int ReqId { get; init; }

    /// <summary>
    /// While no SA exists: true holds the first packets (a few per entry, for the hold time) and
    /// sends them once the SA is added; false drops them. Either way an acquire is reported.
    /// </summary>
    public bool HoldPacketsWhileAcquiring { get; init; }
}
