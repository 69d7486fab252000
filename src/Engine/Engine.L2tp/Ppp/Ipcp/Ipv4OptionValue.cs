using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Engine.L2tp.Ppp.Ipcp;

/// <summary>IPv4 addresses as IPCP carries them: four bytes, kept as a host-order number internally.</summary>
internal static class Ipv4OptionValue
{
    public static uint ToNumber(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address; IPCP carries IPv4 only.", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public static IPAddress ToAddress(uint number)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, number);
        return new IPAddress(bytes);
    }

    public static void Write(Span<byte> destination, uint number) => BinaryPrimitives.WriteUInt32BigEndian(destination, number);
}
