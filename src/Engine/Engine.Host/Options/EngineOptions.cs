using Microsoft.Extensions.Logging;

namespace Engine.Host.Options;

/// <summary>What one engine runs with; every path absolute. See docs/engine.md for the options and their variables.</summary>
public sealed record EngineOptions
{
    /// <summary>The adapter the engine binds to (--interface): its addresses are what "Me" stands for.</summary>
    public required string InterfaceAlias { get; init; }

    /// <summary>The policy store directory (--store, IPSECPOLICY_STORE).</summary>
    public required string StorePath { get; init; }

    /// <summary>The control socket (--control-socket, IPSECPOLICY_CONTROL_SOCKET); per network namespace by default.</summary>
    public required string ControlSocket { get; init; }

    /// <summary>The engine's own state: the audit trail (--state-dir, IPSECPOLICY_STATE_DIR); per namespace by default.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The least severe log level written (--log-level, IPSECPOLICY_LOG_LEVEL).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public const int DefaultReplayWindow = 64;
    public const int MinimumReplayWindow = 32;
    public const int MaximumReplayWindow = 4096;

    /// <summary>
    /// The anti-replay window of every inbound SA, in packets (--replay-window,
    /// IPSECPOLICY_REPLAY_WINDOW): 64 as RFC 4303 suggests, up to 4096 for paths that reorder much.
    /// </summary>
    public int ReplayWindow { get; init; } = DefaultReplayWindow;

    /// <summary>
    /// Whether the IKE trace (Set-IpSecConfiguration -IkeLogging) also writes key material: g^xy,
    /// SKEYID and the quick mode KEYMAT (--ike-trace-keys, IPSECPOLICY_IKE_TRACE_KEYS). Off unless an
    /// administrator asks for it, for a capture that must be decrypted.
    /// </summary>
    public bool IkeTraceIncludesKeys { get; init; }

    /// <summary>
    /// Whether the engine enforces the policy on the host (nftables, routing, TUN, IKE and ESP
    /// sockets). Always on in the daemon; tests that embed the engine outside a network namespace
    /// turn it off so that they never touch the machine's own firewall and routes.
    /// </summary>
    public bool EnforceOnHost { get; init; } = true;
}
