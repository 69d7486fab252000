using System;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Ip;

namespace Engine.DataPlane.Sa;

/// <summary>
/// The peer end of an SA as the hot path needs it: the address as an integer for comparisons and
/// the <see cref="SocketAddress"/> that sends go to, built once. Immutable; a NAT mapping change
/// swaps in a new one.
/// </summary>
internal sealed class SaPeer
{
    public SaPeer(IPAddress address, int port)
    {
        EndPoint = new IPEndPoint(address, port);
        Bits = IpAddressBits.From(address);
        Port = (ushort)port;
        Destination = EndPoint.Serialize();
    }

    public IPEndPoint EndPoint { get; }

    public UInt128 Bits { get; }

    public ushort Port { get; }

    /// <summary>Read-only once built: binds only read it, so packet threads share it.</summary>
    public SocketAddress Destination { get; }
}
