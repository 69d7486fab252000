using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// One IPPROTO_RAW socket (implicitly IP_HDRINCL) that sends whole IPv4 packets, headers written
/// by the caller: IKE's UDP and ESP from any of the clients' addresses, none of which is a socket
/// of its own. It never receives (the kernel delivers nothing to protocol 255).
/// </summary>
internal sealed class RawIpSender : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);
    private readonly SocketAddress destination;
    private long failures;

    /// <param name="gateway">Every packet goes to this one address (the kernel routes by it; the header says the same).</param>
    public RawIpSender(IPAddress gateway)
    {
        destination = new IPEndPoint(gateway, 0).Serialize();
        socket.SendBufferSize = 4 * 1024 * 1024;
    }

    /// <summary>Sends failed by the kernel (full queue, no route); IKE and L2TP retransmit.</summary>
    public long Failures => Interlocked.Read(ref failures);

    public bool Send(ReadOnlySpan<byte> packet)
    {
        try
        {
            socket.SendTo(packet, SocketFlags.None, destination);
            return true;
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref failures);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose() => socket.Dispose();
}
