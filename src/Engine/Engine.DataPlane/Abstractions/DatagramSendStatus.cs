namespace Engine.DataPlane.Abstractions;

/// <summary>
/// What became of one datagram handed to <see cref="IDatagramBind.Send"/>. Failures are values,
/// not exceptions, because they are per packet and can repeat at line rate (a route flapping,
/// a full queue); the data plane counts them and carries on.
/// </summary>
public enum DatagramSendStatus
{
    /// <summary>The host accepted the datagram for transmission.</summary>
    Sent,

    /// <summary>No route to the destination, or the local address is gone.</summary>
    Unreachable,

    /// <summary>A local firewall rule or a prohibit route rejected the datagram.</summary>
    Refused,

    /// <summary>The datagram is larger than the path allows; the caller should lower its MTU.</summary>
    TooLarge,

    /// <summary>Transmit buffers are full; the datagram was not sent and may be retried or dropped.</summary>
    Congested,

    /// <summary>Any other per-datagram error (for instance a blackhole route).</summary>
    Failed,
}
