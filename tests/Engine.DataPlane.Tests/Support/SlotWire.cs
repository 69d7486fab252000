using System.Linq;
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
    public static (SlotBind A, SlotBind B) Pair(DatagramEndpointKind kind, IPAddress a, IPAddress b, int batchSize = 1)
    {
        var port = kind == DatagramEndpointKind.NatTraversal ? 4500 : 0;
        var bindA = new SlotBind(kind, new IPEndPoint(a, port), batchSize);
        var bindB = new SlotBind(kind, new IPEndPoint(b, port), batchSize);
        bindA.Peer = bindB;
        bindB.Peer = bindA;
        return (bindA, bindB);
    }
}

/// <summary>Returns one packet on every read (a full batch on every batch read); counts and keeps the last packet written.</summary>
public sealed class ReplayingTunDevice : ITunDevice
{
    private readonly byte[] packet;
    private readonly byte[] lastWritten = new byte[65536];

    public ReplayingTunDevice(byte[] packet, int batchSize = 1)
    {
        this.packet = packet;
        BatchSize = batchSize;
    }

    public string Name => "replay0";

    public int Mtu => 1500;

    public int BatchSize { get; }

    public int Read(DatagramBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            packet.CopyTo(batch.Span(i));
            batch.SetLength(i, packet.Length);
        }

        return batch.Count;
    }

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

    /// <summary>
    /// Hand out a writer that holds every packet until the flush, as a coalescing device does
    /// (the packets are written from the loop's buffers only then).
    /// </summary>
    public bool HoldWrites { get; init; }

    /// <summary>The holding writer's flush refuses what it held.</summary>
    public bool RefuseHeld { get; set; }

    /// <summary>Packets held by the writer and not flushed yet.</summary>
    public int Held => writer?.Held ?? 0;

    /// <summary>Flushes that wrote something.</summary>
    public long Flushes => writer?.Flushes ?? 0;

    private HoldingWriter? writer;

    public ITunPacketWriter CreateWriter() => HoldWrites ? writer = new HoldingWriter(this) : new DirectTunPacketWriter(this);

    private sealed class HoldingWriter(ReplayingTunDevice device) : ITunPacketWriter
    {
        private readonly byte[][] buffers = new byte[256][];
        private readonly int[] offsets = new int[256];
        private readonly int[] lengths = new int[256];

        public int Held { get; private set; }

        public long Flushes { get; private set; }

        public bool Write(byte[] buffer, int offset, int length)
        {
            buffers[Held] = buffer;
            offsets[Held] = offset;
            lengths[Held] = length;
            Held++;
            return true;
        }

        public int Flush()
        {
            var held = Held;
            Held = 0;
            if (held == 0)
            {
                return 0;
            }

            Flushes++;
            if (device.RefuseHeld)
            {
                return held;
            }

            for (var i = 0; i < held; i++)
            {
                device.Write(buffers[i].AsSpan(offsets[i], lengths[i]));
                buffers[i] = null!;
            }

            return 0;
        }
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// A bind whose Send appends to its peer's queue of datagram slots (adding the IPv4 header a raw
/// IPv4 receiver gets); Receive takes the oldest.
/// </summary>
public sealed class SlotBind : IDatagramBind
{
    private const int Slots = 256;
    private readonly byte[][] slots = Enumerable.Range(0, Slots).Select(_ => new byte[2048]).ToArray();
    private readonly int[] slotLengths = new int[Slots];
    private readonly SocketAddress ownAddress;
    private int first;
    private int queued;

    internal SlotBind(DatagramEndpointKind kind, IPEndPoint localEndPoint, int batchSize)
    {
        Kind = kind;
        LocalEndPoint = localEndPoint;
        ownAddress = localEndPoint.Serialize();
        BatchSize = batchSize;
    }

    public DatagramEndpointKind Kind { get; }

    public AddressFamily AddressFamily => LocalEndPoint.AddressFamily;

    public IPEndPoint LocalEndPoint { get; }

    public bool ReceiveIncludesIpHeader => Kind is DatagramEndpointKind.Esp or DatagramEndpointKind.Ah && AddressFamily == AddressFamily.InterNetwork;

    public int BatchSize { get; }

    public SlotBind? Peer { get; set; }

    public long Sends { get; private set; }

    public int Receive(Span<byte> buffer, SocketAddress source)
    {
        if (queued == 0)
        {
            throw new InvalidOperationException("Nothing was sent to this bind.");
        }

        var length = slotLengths[first];
        slots[first].AsSpan(0, length).CopyTo(buffer);
        var from = Peer!.ownAddress;
        from.Buffer.Span[..from.Size].CopyTo(source.Buffer.Span);
        source.Size = from.Size;
        first = (first + 1) % Slots;
        queued--;
        return length;
    }

    public int Receive(DatagramBatch batch)
    {
        var count = 0;
        do
        {
            batch.SetLength(count, Receive(batch.Span(count), batch.SocketAddressAt(count)!));
            count++;
        }
        while (count < batch.Count && queued > 0);

        return count;
    }

    public DatagramSendStatus Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        var peer = Peer!;
        if (peer.queued == Slots)
        {
            return DatagramSendStatus.Congested;
        }

        var index = (peer.first + peer.queued) % Slots;
        var slot = peer.slots[index];
        var offset = 0;
        if (peer.ReceiveIncludesIpHeader)
        {
            OuterHeaders.WriteIp(slot, LocalEndPoint.Address, peer.LocalEndPoint.Address, Kind == DatagramEndpointKind.Ah ? (byte)51 : (byte)50, datagram.Length);
            offset = 20;
        }

        datagram.CopyTo(slot.AsSpan(offset));
        peer.slotLengths[index] = offset + datagram.Length;
        peer.queued++;
        Sends++;
        return DatagramSendStatus.Sent;
    }

    public void Dispose()
    {
    }
}
