using System;

namespace Engine.DataPlane.Spd;

/// <summary>An inclusive range of TCP/UDP/SCTP ports; <see cref="Any"/> also matches packets whose ports are unknown.</summary>
public readonly record struct PortRange
{
    public PortRange(ushort first, ushort last)
    {
        if (first > last)
        {
            throw new ArgumentException($"A port range cannot run from {first} down to {last}.", nameof(last));
        }

        First = first;
        Last = last;
    }

    /// <summary>Every port, and packets without ports (ICMP, non-initial fragments).</summary>
    public static PortRange Any { get; } = new(0, ushort.MaxValue);

    public ushort First { get; }

    public ushort Last { get; }

    /// <summary>True for <see cref="Any"/>.</summary>
    public bool IsAny => First == 0 && Last == ushort.MaxValue;

    /// <summary>One port.</summary>
    public static PortRange Single(ushort port) => new(port, port);

    internal bool Contains(ushort port) => port >= First && port <= Last;

    public override string ToString() => IsAny ? "any" : First == Last ? $"{First}" : $"{First}-{Last}";
}
