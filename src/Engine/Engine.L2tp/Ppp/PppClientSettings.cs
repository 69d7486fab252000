using System;
using System.Collections.Generic;
using System.Net;
using Engine.L2tp.Ppp.Auth;

namespace Engine.L2tp.Ppp;

/// <summary>What the client end of a session needs: its credentials and what to ask the server for.</summary>
public sealed record PppClientSettings
{
    public required string UserName { get; init; }

    public required PppPassword Password { get; init; }

    /// <summary>Protocols we agree to authenticate with, most preferred first (the one we Nak with).</summary>
    public IReadOnlyList<PppAuthenticationProtocol> AuthenticationProtocols { get; init; } =
        [PppAuthenticationProtocol.MsChapV2, PppAuthenticationProtocol.Chap, PppAuthenticationProtocol.Pap];

    /// <summary>How long to wait for the server's challenge and for its verdict.</summary>
    public TimeSpan AuthenticationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An address to propose instead of 0.0.0.0 (the server may Nak it with another).</summary>
    public IPAddress? PreferredAddress { get; init; }

    /// <summary>Ask for DNS servers (RFC 1877), as Windows does.</summary>
    public bool RequestDns { get; init; } = true;

    /// <summary>Ask for WINS servers (RFC 1877), as Windows does.</summary>
    public bool RequestWins { get; init; } = true;
}
