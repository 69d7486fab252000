using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.L2tp.L2tp;
using Engine.Platform.Linux.Namespaces;

namespace Interop.L2tp;

/// <summary>
/// Pumps an <see cref="L2tpEndpoint"/> over a plain UDP socket: a thread receives every datagram
/// and hands it to <see cref="L2tpEndpoint.Receive"/>, and <see cref="Send"/> (what the handler's
/// SendDatagram calls) writes to the socket. The gateway does the same through IPsec SAs; this is
/// the piece to swap for it. No SA protects plain UDP, so every peer key carries
/// <see cref="SecurityAssociationId"/> and the tunnels are told apart by address and port alone.
/// </summary>
internal sealed class UdpL2tpTransport : IDisposable
{
    /// <summary>The SA identity of every datagram: there is none under plain UDP.</summary>
    public const ulong SecurityAssociationId = 0;

    private readonly Socket socket;
    private Thread? receiver;
    private L2tpEndpoint? endpoint;
    private Exception? failure;
    private long received;
    private long sent;
    private volatile bool disposed;

    private UdpL2tpTransport(Socket socket)
    {
        this.socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public long DatagramsReceived => Interlocked.Read(ref received);

    public long DatagramsSent => Interlocked.Read(ref sent);

    /// <summary>What made the receive loop stop early (an exception out of the endpoint), null while all is well.</summary>
    public Exception? Failure => Volatile.Read(ref failure);

    /// <summary>
    /// A UDP socket bound to <paramref name="local"/> inside the network namespace
    /// <paramref name="networkNamespace"/> (a socket stays in the namespace it was created in,
    /// whichever thread uses it afterwards).
    /// </summary>
    public static UdpL2tpTransport Bind(string networkNamespace, IPEndPoint local)
    {
        var socket = NetworkNamespace.Run(networkNamespace, () =>
        {
            // The receive timeout bounds how long Dispose waits for the receive thread to notice.
            var created = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 250 };
            try
            {
                created.Bind(local);
                return created;
            }
            catch
            {
                created.Dispose();
                throw;
            }
        });
        return new UdpL2tpTransport(socket);
    }

    /// <summary>The key of a peer at <paramref name="remote"/>, as the endpoint sees it.</summary>
    public static L2tpPeerKey KeyOf(IPEndPoint remote) => new(SecurityAssociationId, remote);

    /// <summary>Starts delivering what the socket receives to <paramref name="target"/>.</summary>
    public void Attach(L2tpEndpoint target)
    {
        if (endpoint is not null)
        {
            throw new InvalidOperationException("an endpoint is already attached");
        }

        endpoint = target;
        receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = $"l2tp udp {LocalEndPoint}" };
        receiver.Start();
    }

    /// <summary>Sends one L2TP message to the peer (the handler's SendDatagram).</summary>
    public void Send(L2tpPeerKey peer, ReadOnlySpan<byte> payload)
    {
        if (disposed)
        {
            return;
        }

        try
        {
            socket.SendTo(payload, SocketFlags.None, peer.Remote);
            Interlocked.Increment(ref sent);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the send: a timer of a closing tunnel fired late.
        }
        catch (SocketException)
        {
            // UDP: a datagram that cannot leave is a lost datagram, which L2TP retransmits.
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        socket.Dispose();
        receiver?.Join(TimeSpan.FromSeconds(5));
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[65536];
        EndPoint from = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!disposed)
        {
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException) when (!disposed)
            {
                continue; // the receive timeout, or an ICMP error reported on the socket
            }
            catch (Exception) when (disposed)
            {
                return;
            }

            Interlocked.Increment(ref received);
            try
            {
                endpoint!.Receive(KeyOf((IPEndPoint)from), buffer.AsSpan(0, length));
            }
            catch (Exception e)
            {
                Volatile.Write(ref failure, e);
                return;
            }
        }
    }
}
