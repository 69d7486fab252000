using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Abstractions;
using Engine.Platform.Linux.Sockets;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// The generator's ESP bind for every client at once: the platform's raw ESP bind on the wildcard
/// address receives what the gateway sends to any client (the IPv4 header tells the data plane which),
/// and what the data plane sends goes out through <see cref="RawIpSender"/> with an IPv4 header
/// whose source is the client that owns the SA. The data plane hands a bind only the ESP part;
/// the outbound SPI at its start names the SA, and <see cref="MapSource"/> names its client.
/// </summary>
internal sealed class MultiAddressEspBind : IDatagramBind
{
    private const int MaximumDatagram = 2048;
    private readonly LinuxDatagramBind receiver;
    private readonly RawIpSender sender;
    private readonly uint gateway;
    private readonly ConcurrentDictionary<uint, uint> sourceBySpi = new();
    private long unmappedSends;
    private volatile bool disposed;

    public MultiAddressEspBind(RawIpSender sender, IPAddress gateway)
    {
        this.sender = sender;
        this.gateway = Ipv4Packets.Number(gateway);
        receiver = LinuxDatagramBind.Open(DatagramEndpointKind.Esp, IPAddress.Any, new DatagramBindOptions { ReceiveBufferBytes = 4 * 1024 * 1024 });
    }

    public DatagramEndpointKind Kind => DatagramEndpointKind.Esp;

    public AddressFamily AddressFamily => AddressFamily.InterNetwork;

    public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Any, 0);

    public bool ReceiveIncludesIpHeader => true;

    public int BatchSize => 1;

    /// <summary>ESP the data plane wanted to send through an SPI no client owns (never expected).</summary>
    public long UnmappedSends => System.Threading.Interlocked.Read(ref unmappedSends);

    public void MapSource(uint outboundSpi, uint clientAddress) => sourceBySpi[outboundSpi] = clientAddress;

    public void UnmapSource(uint outboundSpi) => sourceBySpi.TryRemove(outboundSpi, out _);

    public int Receive(Span<byte> buffer, SocketAddress source) => receiver.Receive(buffer, source);

    public DatagramSendStatus Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (datagram.Length < 4 || datagram.Length > MaximumDatagram || !sourceBySpi.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(datagram), out var source))
        {
            System.Threading.Interlocked.Increment(ref unmappedSends);
            return DatagramSendStatus.Failed;
        }

        Span<byte> packet = stackalloc byte[Ipv4Packets.HeaderLength + datagram.Length];
        Ipv4Packets.WriteIpv4Header(packet, source, gateway, Ipv4Packets.EspProtocol, datagram.Length);
        datagram.CopyTo(packet[Ipv4Packets.HeaderLength..]);
        return sender.Send(packet) ? DatagramSendStatus.Sent : DatagramSendStatus.Congested;
    }

    public void Dispose()
    {
        disposed = true;
        receiver.Dispose();
    }
}
