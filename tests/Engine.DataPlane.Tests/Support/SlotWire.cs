using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Abstractions;

namespace Engine.DataPlane.Tests.Support;

/// <summary>
/// Allocation-free fakes for measuring the steady state: a TUN device that hands out the same
/// packet on every read and counts writes, and a pair of binds joined by a one-datagram slot.
/// Everything is preallocated, so whatever allocation a measurement sees is the data plane's.
/// </summary>
public static class SlotWire
{
    public static (SlotBind A, SlotBind B) Pair(DatagramEndpointKind kind, IPAddress a, IPAddress b)
    {
        var port = kind == DatagramEndpointKind.NatTraversal ? 4500 : 0;
        var bindA = new SlotBind(kind, new IPEndPoint(a, port));
        var bindB = new SlotBind(kind, new IPEndPoint(b, port));
        bindA.Peer = bindB;
        bindB.Peer = bindA;
        return (bindA, bindB);
    }
}

/// <summary>Returns one packet on every read; counts and keeps the last packet written.</summary>
public sealed class ReplayingTunDevice : ITunDevice
{
    private readonly byte[] packet;
    private readonly byte[] lastWritten = new byte[65536];

    public ReplayingTunDevice(byte[] packet)
    {
        this.packet = packet;
    }

    public string Name => "replay0";

    public int Mtu => 1500;

    public int BatchSize => 1;

    public long Writes { get; private set; }

    public int LastWrittenLength { get; private set; }

    public ReadOnlySpan<byte> LastWritten => lastWritten.AsSpan(0, LastWrittenLength);

    public int Read(Span<byte> destination)
    {
        packet.CopyTo(destination);
        return packet.Length;
    }

    public bool Write(ReadOnlySpan<byte> written)
    {
        written.CopyTo(lastWritten);
        LastWrittenLength = written.Length;
        Writes++;
        return true;
    }

    public void Dispose()
    {
    }
}

/// <summary>A bind whose Send fills its peer's one-datagram slot (adding the IPv4 header a raw IPv4 receiver gets).</summary>
public sealed class SlotBind : IDatagramBind
{
    private readonly byte[] slot = new byte[65536];
    private readonly SocketAddress ownAddress;
    private int slotLength = -1;

    internal SlotBind(DatagramEndpointKind kind, IPEndPoint localEndPoint)
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

    public SlotBind? Peer { get; set; }

    public long Sends { get; private set; }

    public int Receive(Span<byte> buffer, SocketAddress source)
    {
        if (slotLength < 0)
        {
            throw new InvalidOperationException("Nothing was sent to this bind.");
        }

        slot.AsSpan(0, slotLength).CopyTo(buffer);
        var from = Peer!.ownAddress;
        from.Buffer.Span[..from.Size].CopyTo(source.Buffer.Span);
        source.Size = from.Size;
        var length = slotLength;
        slotLength = -1;
        return length;
    }

    public DatagramSendStatus Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        var peer = Peer!;
        var offset = 0;
        if (peer.ReceiveIncludesIpHeader)
        {
            OuterHeaders.WriteIp(peer.slot, LocalEndPoint.Address, peer.LocalEndPoint.Address, Kind == DatagramEndpointKind.Ah ? (byte)51 : (byte)50, datagram.Length);
            offset = 20;
        }

        datagram.CopyTo(peer.slot.AsSpan(offset));
        peer.slotLength = offset + datagram.Length;
        Sends++;
        return DatagramSendStatus.Sent;
    }

    public void Dispose()
    {
    }
}
