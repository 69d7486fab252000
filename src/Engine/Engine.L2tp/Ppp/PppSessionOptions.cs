using System;
using Engine.L2tp.Ppp.Lcp;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp;

/// <summary>Everything a <see cref="PppSession"/> is configured with. Exactly one of Server and Client is set, matching Role.</summary>
public sealed record PppSessionOptions
{
    public required PppRole Role { get; init; }

    public PppServerSettings? Server { get; init; }

    public PppClientSettings? Client { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Restart timer and counters shared by LCP, IPCP, IPv6CP and the authentication retransmissions.</summary>
    public NegotiationSettings Negotiation { get; init; } = NegotiationSettings.Default;

    public LcpSettings Lcp { get; init; } = new();

    /// <summary>Run IPv6CP beside IPCP. When off, the peer's IPv6CP is answered with Protocol-Reject.</summary>
    public bool EnableIpv6 { get; init; }

    /// <summary>Close the session after this long without IP traffic either way; zero (default) never.</summary>
    public TimeSpan IdleTimeout { get; init; }

    /// <summary>Source of magic numbers, identifiers and challenges; the system CSPRNG unless a test fixes it.</summary>
    public Action<Span<byte>>? RandomSource { get; init; }

    internal void Validate()
    {
        switch (Role)
        {
            case PppRole.Server when Server is null:
                throw new ArgumentException("A server session needs Server settings.", nameof(Server));
            case PppRole.Server when Server.AuthenticationProtocols.Count > 0 && Server.UserLookup is null:
                throw new ArgumentException("A server that authenticates needs a UserLookup.", nameof(Server));
            case PppRole.Client when Client is null:
                throw new ArgumentException("A client session needs Client settings.", nameof(Client));
        }

        if (Lcp.Mru < LcpSettings.MinimumMru)
        {
            throw new ArgumentOutOfRangeException(nameof(Lcp), Lcp.Mru, $"The MRU must be at least {LcpSettings.MinimumMru}.");
        }
    }
}
