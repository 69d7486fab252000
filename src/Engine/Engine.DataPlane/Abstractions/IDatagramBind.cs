using System;
using System.Net;
using System.Net.Sockets;

namespace Engine.DataPlane.Abstractions;

/// <summary>
/// One socket the engine sends and receives IKE or ESP/AH datagrams on, after wireguard-go's
/// <c>conn.Bind</c>. One bind exists per <see cref="DatagramEndpointKind"/>, per address family and
/// per local address, so a received datagram's kind, family and local address are known from the
/// bind it came from.
/// </summary>
/// <remarks>
/// <para>Addresses are <see cref="SocketAddress"/> objects that the caller allocates once (for
/// instance one per receive thread, sized with <see cref="SocketAddress.GetMaximumAddressSize"/>)
/// and reuses, so receiving and sending allocate nothing. For raw binds (<see
/// cref="DatagramEndpointKind.Esp"/>, <see cref="DatagramEndpointKind.Ah"/>) the port in an address
/// is meaningless: pass 0 when sending, ignore it when receiving.</para>
/// <para>What a datagram contains: for UDP binds, the UDP payload. For raw IPv4 binds, the whole
/// IPv4 packet including its IP header (the kernel hands raw IPv4 sockets the header; its length is
/// 4 × the low nibble of byte 0), and <see cref="ReceiveIncludesIpHeader"/> is true. For raw IPv6
/// binds, only the ESP or AH header onwards: IPv6 raw sockets never see the IPv6 header or the
/// extension headers before the protocol. On send, every bind takes the payload only; the kernel
/// builds the outer IP (and UDP) header from the bind's local address and the destination.</para>
/// <para>Threading: <see cref="Receive"/> blocks and may be called from several threads (each
/// datagram goes to exactly one caller); <see cref="Send"/> is thread-safe and does not block on the
/// peer. <see cref="IDisposable.Dispose"/> unblocks pending receives, which then throw <see
/// cref="ObjectDisposedException"/>; so do all later calls.</para>
/// </remarks>
public interface IDatagramBind : IDisposable
{
    /// <summary>What this bind carries.</summary>
    DatagramEndpointKind Kind { get; }

    /// <summary><see cref="AddressFamily.InterNetwork"/> or <see cref="AddressFamily.InterNetworkV6"/>.</summary>
    AddressFamily AddressFamily { get; }

    /// <summary>The local address and port (0 for raw binds) the bind listens on.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>True for raw IPv4 binds, whose received datagrams start with the IPv4 header.</summary>
    bool ReceiveIncludesIpHeader { get; }

    /// <summary>
    /// True when what is sent must start with the outer IP header (raw IPv4 AH, IP_HDRINCL): AH's
    /// ICV covers the header's identification, which only a sender that writes the header can know.
    /// The kernel still fills in the checksum and the total length.
    /// </summary>
    bool SendIncludesIpHeader => false;

    /// <summary>How many datagrams one batch call can move (recvmmsg/sendmmsg); 1 for a bind without batched calls.</summary>
    int BatchSize { get; }

    /// <summary>
    /// Blocks until a datagram arrives, copies it to the start of <paramref name="buffer"/> and
    /// writes the sender's address into <paramref name="source"/>. A datagram longer than the
    /// buffer is discarded, never returned truncated.
    /// </summary>
    /// <returns>The datagram's length in bytes (0 is a valid, empty UDP datagram).</returns>
    /// <exception cref="ObjectDisposedException">The bind was disposed before or during the call.</exception>
    int Receive(Span<byte> buffer, SocketAddress source);

    /// <summary>Sends one datagram to <paramref name="destination"/>, which must be of <see cref="AddressFamily"/>.</summary>
    /// <exception cref="ObjectDisposedException">The bind was disposed.</exception>
    DatagramSendStatus Send(ReadOnlySpan<byte> datagram, SocketAddress destination);

    /// <summary>
    /// Sends every entry of <paramref name="batch"/> (datagram and destination) in order, as far as
    /// possible in one system call. A datagram the host refuses is skipped, not retried.
    /// </summary>
    /// <returns>How many of the datagrams the host accepted.</returns>
    /// <exception cref="ObjectDisposedException">The bind was disposed.</exception>
    int Send(DatagramBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int sent = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            if (Send(batch.Span(i), batch.SocketAddressAt(i)!) == DatagramSendStatus.Sent)
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>
    /// Blocks until at least one datagram arrives, then takes what else is already queued, up to
    /// the batch's <see cref="DatagramBatch.Count"/> entries (each the space to fill and an
    /// address for the sender). Datagram k goes to entry k, whose length becomes the datagram's;
    /// a datagram longer than its entry is discarded (entries may be reordered to skip it).
    /// </summary>
    /// <returns>How many entries, from the first, hold a datagram (at least 1).</returns>
    /// <exception cref="ObjectDisposedException">The bind was disposed before or during the call.</exception>
    int Receive(DatagramBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int length = Receive(batch.Span(0), batch.SocketAddressAt(0)!);
        batch.SetLength(0, length);
        return 1;
    }
}
