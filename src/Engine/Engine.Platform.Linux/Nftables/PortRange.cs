using System;
using System.Globalization;

namespace Engine.Platform.Linux.Nftables;

/// <summary>An inclusive range of TCP, UDP, SCTP, DCCP or UDP-Lite ports; a single port when both ends agree.</summary>
public readonly record struct PortRange
{
    /// <summary>Creates the range; <paramref name="first"/> must not exceed <paramref name="last"/>.</summary>
    public PortRange(ushort first, ushort last)
    {
        if (first > last)
        {
            throw new ArgumentException($"Port range {first}-{last} is reversed.", nameof(first));
        }

        First = first;
        Last = last;
    }

    /// <summary>The lowest port in the range.</summary>
    public ushort First { get; }

    /// <summary>The highest port in the range.</summary>
    public ushort Last { get; }

    /// <summary>A range of one port.</summary>
    public static PortRange Single(ushort port) => new(port, port);

    /// <summary>"80" or "1024-65535", as nft writes it.</summary>
    public override string ToString() => First == Last
        ? First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}
