using System;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Abstractions;

namespace Engine.DataPlane.Throughput;

/// <summary>A TUN device that returns the same packet on every read and swallows writes.</summary>
internal sealed class RepeatingTunDevice(byte[] packet) : ITunDevice
{
    public string Name => "bench0";

    public int Mtu => 1500;

    public int BatchSize => 1;

    public long Writes { get; private set; }

    public int Read(Span<byte> destination)
    {
        packet.CopyTo(destination);
        return packet.Length;
    }

    public bool Write(ReadOnlySpan<byte> written)
    {
        Writes++;
        return true;
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// One end of an in-memory wire: Send copies the datagram into the peer's single slot (with the
/// IPv4 header a raw IPv4 receiver gets), Receive hands out that slot. With no peer it discards.
/// </summary>
internal sealed class WireBind : IDatagramBind
{
    private readonly byte[] slot = new byte[65536];
    private readonly SocketAddress ownAddress;
    private int slotLength;

    public WireBind(DatagramEndpointKind kind, IPEndPoint localEndPoint)
    {
        Kind = kind;
        LocalEndPoint = localEndPoint;
        ownAddress = localEndPoint.Serialize();
    }

    public DatagramEndpointKind Kind { get; }

    public AddressFamily AddressFamily => LocalEndPoint.AddressFamily;

    public IPEndPoint LocalEndPoint { get; }

    public bool ReceiveIncludesIpHeader => Kind is DatagramEndpointKind.Esp or DatagramEndpointKind.Ah && AddressFamily == AddressFamily.InterNetwork;

    public int BatchSize => 1;

    public WireBind? Peer { get; set; }

    public long BytesSent { get; private set; }

    public int Receive(Span<byte> buffer, SocketAddress source)
    {
        slot.AsSpan(0, slotLength).CopyTo(buffer);
        var from = Peer!.ownAddress;
        from.Buffer.Span[..from.Size].CopyTo(source.Buffer.Span);
        source.Size = from.Size;
        return slotLength;
    }

    public DatagramSendStatus Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        BytesSent += datagram.Length;
        if (Peer is not { } peer)
        {
            return DatagramSendStatus.Sent;
        }

        var offset = 0;
        if (peer.ReceiveIncludesIpHeader)
        {
            // Only the length, protocol and addresses matter to the receiver; the rest stays zero.
            var header = peer.slot.AsSpan(0, 20);
            header.Clear();
            header[0] = 0x45;
            header[2] = (byte)((20 + datagram.Length) >> 8);
            header[3] = (byte)(20 + datagram.Length);
            header[9] = Kind == DatagramEndpointKind.Ah ? (byte)51 : (byte)50;
            LocalEndPoint.Address.TryWriteBytes(header[12..], out _);
            peer.LocalEndPoint.Address.TryWriteBytes(header[16..], out _);
            offset = 20;
        }

        datagram.CopyTo(peer.slot.AsSpan(offset));
        peer.slotLength = offset + datagram.Length;
        return DatagramSendStatus.Sent;
    }

    public void Dispose()
    {
    }
}
