using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Ip;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// Reads the address and port out of a <see cref="SocketAddress"/> without creating an
/// <see cref="IPEndPoint"/>: its buffer is the native sockaddr, port big-endian at offset 2, the
/// IPv4 address at 4 (sockaddr_in), the IPv6 address at 8 (sockaddr_in6).
/// </summary>
internal static class SocketAddressReader
{
    public static bool TryRead(SocketAddress address, out UInt128 bits, out ushort port)
    {
        var span = address.Buffer.Span;
        switch (address.Family)
        {
            case AddressFamily.InterNetwork when address.Size >= 8:
                port = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
                bits = IpAddressBits.FromIpv4(span[4..]);
                return true;
            case AddressFamily.InterNetworkV6 when address.Size >= 24:
                port = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
                bits = IpAddressBits.FromIpv6(span[8..]);
                return true;
            default:
                bits = default;
                port = 0;
                return false;
        }
    }
}
