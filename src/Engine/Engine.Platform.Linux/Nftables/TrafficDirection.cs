namespace Engine.Platform.Linux.Nftables;

/// <summary>Which packets an <see cref="EnforcementRule"/> is evaluated against.</summary>
public enum TrafficDirection
{
    /// <summary>Packets this host sends, and packets it forwards (tunnel-mode gateways), before routing.</summary>
    Outbound,

    /// <summary>Packets addressed to this host, and packets it forwards, after routing.</summary>
    Inbound,
}
