using System;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>One side (authenticator or peer) of one authentication protocol on one link.</summary>
internal interface IAuthenticationExchange : IDisposable
{
    PppAuthenticationProtocol Protocol { get; }

    /// <summary>The PPP protocol number its packets travel under (PAP or CHAP).</summary>
    ushort PppProtocolNumber { get; }

    /// <summary>LCP is open: begin (send the challenge or request, or start waiting).</summary>
    void Start();

    /// <summary>One packet of <see cref="PppProtocolNumber"/>.</summary>
    void Receive(ReadOnlySpan<byte> packet);

    /// <summary>LCP went down: stop timers; the exchange is not restarted.</summary>
    void Stop();
}
