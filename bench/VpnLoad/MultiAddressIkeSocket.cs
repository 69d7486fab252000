using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.Ike.Network;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// IKE for every client through two sockets: a UDP socket on the wildcard address and port 500
/// receives for all of them (IP_PKTINFO says which client a datagram is for), and what the
/// clients' engines send goes out through <see cref="RawIpSender"/> with the client's address and
/// port in the headers. Each client's IkeEngine has its own lock; received datagrams are handed
/// to it on the thread pool, so the generator's IKE spreads over the cores as many separate
/// clients would.
/// </summary>
internal sealed class MultiAddressIkeSocket : IIkeDatagramTransport, IDisposable
{
    private const int IkePort = 500;
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly RawIpSender sender;
    private readonly Func<IPAddress, LoadSession?> findSession;
    private readonly Thread receiver;
    private long received;
    private long unknownDestination;
    private volatile bool disposed;

    public MultiAddressIkeSocket(RawIpSender sender, Func<IPAddress, LoadSession?> findSession)
    {
        this.sender = sender;
        this.findSession = findSession;
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
        socket.ReceiveBufferSize = 4 * 1024 * 1024;
        socket.Bind(new IPEndPoint(IPAddress.Any, IkePort));
        receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "vpnload-ike" };
        receiver.Start();
    }

    public long Received => Interlocked.Read(ref received);

    /// <summary>Datagrams for an address that is no client of this run.</summary>
    public long UnknownDestination => Interlocked.Read(ref unknownDestination);

    public void Send(IkeDatagram datagram)
    {
        Span<byte> packet = stackalloc byte[Ipv4Packets.HeaderLength + Ipv4Packets.UdpHeaderLength + datagram.Payload.Length];
        var length = Ipv4Packets.WriteUdp(packet, Ipv4Packets.Number(datagram.Local.Address), (ushort)datagram.Local.Port,
            Ipv4Packets.Number(datagram.Remote.Address), (ushort)datagram.Remote.Port, datagram.Payload.Span);
        sender.Send(packet[..length]);
    }

    public void Dispose()
    {
        disposed = true;
        socket.Dispose();
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[65536];
        EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
        while (!disposed)
        {
            int length;
            IPPacketInformation information;
            try
            {
                var flags = SocketFlags.None;
                length = socket.ReceiveMessageFrom(buffer, 0, buffer.Length, ref flags, ref remote, out information);
            }
            catch (SocketException)
            {
                continue; // an ICMP error reported on the socket; or the socket closing (then disposed ends the loop)
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref received);
            var session = findSession(information.Address);
            if (session is null)
            {
                Interlocked.Increment(ref unknownDestination);
                continue;
            }

            var datagram = new IkeDatagram(buffer.AsSpan(0, length).ToArray(), new IPEndPoint(information.Address, IkePort), (IPEndPoint)remote);
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Session.ReceiveIke(state.Datagram), (Session: session, Datagram: datagram), preferLocal: false);
        }
    }
}
