using System;
using Engine.L2tp.Ppp.Auth;

namespace Engine.L2tp.Ppp;

/// <summary>One authentication attempt failed (the audit event "failed authentication, with reason").</summary>
public sealed class PppAuthenticationFailedEventArgs : EventArgs
{
    public PppAuthenticationFailedEventArgs(string? userName, PppAuthenticationProtocol? protocol, AuthenticationFailureReason reason, bool final)
    {
        UserName = userName;
        Protocol = protocol;
        Reason = reason;
        Final = final;
    }

    /// <summary>The name the peer presented (untrusted input); null when it never sent one.</summary>
    public string? UserName { get; }

    public PppAuthenticationProtocol? Protocol { get; }

    public AuthenticationFailureReason Reason { get; }

    /// <summary>True when no further attempt is allowed and the session closes.</summary>
    public bool Final { get; }
}
