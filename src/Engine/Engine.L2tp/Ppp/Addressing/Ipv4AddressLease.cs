using System;
using System.Net;

namespace Engine.L2tp.Ppp.Addressing;

/// <summary>An address handed to one session; disposing it returns the address to its pool.</summary>
public sealed class Ipv4AddressLease : IDisposable
{
    private readonly Ipv4AddressPool pool;
    private bool released;

    internal Ipv4AddressLease(Ipv4AddressPool pool, IPAddress address, bool isStatic, string? userName)
    {
        this.pool = pool;
        Address = address;
        IsStatic = isStatic;
        UserName = userName;
    }

    public IPAddress Address { get; }

    /// <summary>True when this is the user's own static address rather than one from the range.</summary>
    public bool IsStatic { get; }

    public string? UserName { get; }

    public void Dispose()
    {
        if (released)
        {
            return;
        }

        released = true;
        pool.Release(this);
    }
}
