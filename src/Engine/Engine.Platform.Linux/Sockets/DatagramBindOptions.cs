using System;

namespace Engine.Platform.Linux.Sockets;

/// <summary>Socket settings for <see cref="LinuxDatagramBind.Open"/>.</summary>
public sealed record DatagramBindOptions
{
    /// <summary>
    /// SO_MARK for every datagram the bind sends. The engine passes
    /// <see cref="Routing.PolicyRoutingOptions.BypassMark"/> so that its own IKE and ESP packets
    /// skip the enforcement rules and the route into the TUN device (they would otherwise match the
    /// very policy they implement and loop). Null leaves the socket unmarked.
    /// </summary>
    public uint? FirewallMark { get; init; }

    /// <summary>Receive buffer size (SO_RCVBUFFORCE, above net.core.rmem_max if needed); null keeps the default.</summary>
    public int? ReceiveBufferBytes { get; init; }

    /// <summary>Send buffer size (SO_SNDBUFFORCE); null keeps the default.</summary>
    public int? SendBufferBytes { get; init; }

    /// <summary>
    /// The UDP port for <see cref="Engine.DataPlane.Abstractions.DatagramEndpointKind.Ike"/> and
    /// <see cref="Engine.DataPlane.Abstractions.DatagramEndpointKind.NatTraversal"/> binds; null
    /// means the standard 500 or 4500. Ignored by raw binds.
    /// </summary>
    public int? Port { get; init; }

    internal void Validate()
    {
        if (ReceiveBufferBytes is { } receive)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(receive, nameof(ReceiveBufferBytes));
        }

        if (SendBufferBytes is { } send)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(send, nameof(SendBufferBytes));
        }

        if (Port is { } port)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(port, nameof(Port));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535, nameof(Port));
        }
    }
}
