using System;
using System.Buffers.Binary;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Abstractions;
using Engine.Platform.Linux.Tests.Infrastructure;
using Engine.Platform.Linux.Tun;

namespace Engine.Platform.Linux.Tests.Tun;

/// <summary>
/// The kernel takes what <see cref="LinuxTunDevice.CreateWriter"/> coalesces: a real TCP connection
/// to a socket in a namespace, whose peer exists only behind the TUN device (the test writes its
/// segments and reads the host's answers), receives three data segments written through the writer
/// as one super-packet, acknowledged at once.
/// </summary>
public sealed class ReceiveOffloadTests
{
    private const byte Syn = 0x02;
    private const byte Psh = 0x08;
    private const byte Ack = 0x10;
    private const ushort PeerPort = 40001;
    private const ushort ListenPort = 7001;
    private const uint PeerSequence = 1_000_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CoalescedSegmentsReachTheSocketAndAreAcknowledgedAsOne(bool ipv6)
    {
        Root.Require();
        using var host = Engine.Platform.Linux.Namespaces.DisposableNetworkNamespace.Create();
        var device = host.Run(() => LinuxTunDevice.Create(new TunDeviceOptions { Name = "tungro0" }));
        IPAddress local = IPAddress.Parse(ipv6 ? "fd00:253::1" : "10.253.0.1");
        IPAddress peer = IPAddress.Parse(ipv6 ? "fd00:253::9" : "10.253.0.9");
        host.ExecuteChecked("ip", "address", "add", ipv6 ? "fd00:253::1/64" : "10.253.0.1/24", "dev", "tungro0", "nodad");
        using var tun = Collector.Of(device);
        using var listener = host.Run(() =>
        {
            var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(local, ListenPort));
            socket.Listen();
            return socket;
        });

        // The handshake, one packet at a time.
        Assert.True(device.Write(Packets.Tcp(peer, local, PeerPort, ListenPort, PeerSequence, 0, Syn, [])));
        byte[] synAck = tun.First(packet => Flags(packet) == (Syn | Ack), Patience)?.Data
            ?? throw new TimeoutException("no SYN-ACK came out of the TUN device");
        uint hostSequence = BinaryPrimitives.ReadUInt32BigEndian(Packets.TcpHeader(synAck)[4..]) + 1;
        Assert.True(device.Write(Packets.Tcp(peer, local, PeerPort, ListenPort, PeerSequence + 1, hostSequence, Ack, [])));
        using var accepted = listener.Accept();
        accepted.ReceiveTimeout = 3000;

        // Three data segments through the writer: held, coalesced, written as one at the flush.
        byte[] data = Enumerable.Range(0, 3000).Select(i => (byte)(i * 11)).ToArray();
        ITunPacketWriter writer = device.CreateWriter();
        for (int i = 0; i < 3; i++)
        {
            byte[] segment = Packets.Tcp(peer, local, PeerPort, ListenPort, PeerSequence + 1 + (uint)(i * 1000), hostSequence,
                i == 2 ? (byte)(Ack | Psh) : Ack, data.AsSpan(i * 1000, 1000));
            var buffer = new byte[segment.Length + 64];
            segment.CopyTo(buffer, 64);
            Assert.True(writer.Write(buffer, 64, segment.Length));
        }

        Assert.Equal(0, writer.Flush());

        var received = new byte[4000];
        int total = 0;
        while (total < data.Length)
        {
            int read = accepted.Receive(received, total, received.Length - total, SocketFlags.None);
            Assert.True(read > 0);
            total += read;
        }

        Assert.Equal(data, received[..total]);

        // Segments one at a time would each be acknowledged (quick acknowledgments at a connection's
        // start); one super-packet gets one acknowledgment of all 3,000 bytes.
        byte[] acknowledgment = tun.First(packet => Flags(packet) == Ack && Packets.TcpHeader(packet).Length > 0, Patience)?.Data
            ?? throw new TimeoutException("the data was never acknowledged");
        Assert.Equal(PeerSequence + 1 + 3000, BinaryPrimitives.ReadUInt32BigEndian(Packets.TcpHeader(acknowledgment)[8..]));
    }

    private static int Flags(byte[] packet)
    {
        ReadOnlySpan<byte> tcp = Packets.TcpHeader(packet);
        return tcp.Length == 0 ? -1 : tcp[13];
    }
}
