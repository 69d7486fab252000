using System;

namespace Engine.L2tp.Ppp;

/// <summary>The session is over (LCP finished); the tunnel session under it can be torn down.</summary>
public sealed class PppSessionClosedEventArgs : EventArgs
{
    public PppSessionClosedEventArgs(PppCloseReason reason, string detail, string? userName)
    {
        Reason = reason;
        Detail = detail;
        UserName = userName;
    }

    public PppCloseReason Reason { get; }

    /// <summary>A sentence for logs; never contains a password.</summary>
    public string Detail { get; }

    public string? UserName { get; }
}
