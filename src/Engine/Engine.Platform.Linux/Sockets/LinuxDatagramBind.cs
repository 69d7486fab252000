using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.Platform.Linux.Interop;

namespace Engine.Platform.Linux.Sockets;

/// <summary>
/// <see cref="IDatagramBind"/> over a Linux socket: UDP for IKE (500) and NAT traversal (4500), raw
/// IP protocol 50 for ESP and 51 for AH. The socket lives in the network namespace of the thread
/// that opens it. System.Net.Sockets creates, configures and closes it; the per-datagram calls go
/// straight to recvfrom/sendto so that per-packet failures come back as values, not exceptions.
/// </summary>
/// <remarks>
/// <para>The NAT-T socket is a plain UDP socket, deliberately without UDP_ENCAP_ESPINUDP. That
/// option hands every non-IKE datagram to the kernel's xfrm ESP input, which on this system has no
/// ESP (and, even where it exists, holds no SAs of ours), so the kernel would drop the ESP and the
/// engine would never see it. Without the option the socket delivers IKE (non-ESP marker), ESP and
/// keepalives alike, and the data plane sorts them.</para>
/// <para>Raw ESP/AH sockets receive every packet of their protocol addressed to the bound address
/// (or to any local address when bound to Any), from all peers; the kernel, having no ESP handler,
/// sends no ICMP "protocol unreachable" once a raw socket has taken the packet.</para>
/// </remarks>
public sealed unsafe class LinuxDatagramBind : IDatagramBind
{
    /// <summary>IKE (RFC 2409).</summary>
    public const int IkePort = 500;

    /// <summary>IKE and ESP after NAT detection (RFC 3947, RFC 3948).</summary>
    public const int NatTraversalPort = 4500;

    private const int EspProtocol = 50;
    private const int AhProtocol = 51;

    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly int _addressSize;
    private long _discardedOversizeDatagrams;
    private int _disposed;

    private LinuxDatagramBind(Socket socket, DatagramEndpointKind kind)
    {
        _socket = socket;
        _handle = socket.SafeHandle;
        Kind = kind;
        AddressFamily = socket.AddressFamily;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _addressSize = SocketAddress.GetMaximumAddressSize(AddressFamily);
        ReceiveIncludesIpHeader = socket.SocketType == SocketType.Raw && AddressFamily == AddressFamily.InterNetwork;
        SendIncludesIpHeader = kind == DatagramEndpointKind.Ah && AddressFamily == AddressFamily.InterNetwork;
        if (SendIncludesIpHeader)
        {
            // Linux picks the identification of what it builds (randomly, on current kernels), and
            // AH's ICV covers it: the data plane writes the IPv4 header itself.
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);
        }
    }

    /// <inheritdoc/>
    public DatagramEndpointKind Kind { get; }

    /// <inheritdoc/>
    public bool SendIncludesIpHeader { get; }

    /// <inheritdoc/>
    public AddressFamily AddressFamily { get; }

    /// <inheritdoc/>
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc/>
    public bool ReceiveIncludesIpHeader { get; }

    /// <summary>Datagrams one recvmmsg or sendmmsg call moves at most.</summary>
    public const int MaximumBatchSize = 64;

    /// <inheritdoc/>
    public int BatchSize => MaximumBatchSize;

    /// <summary>Datagrams dropped by <see cref="Receive"/> because they did not fit the caller's buffer.</summary>
    public long DiscardedOversizeDatagrams => Interlocked.Read(ref _discardedOversizeDatagrams);

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Opens and binds the socket for <paramref name="kind"/> on <paramref name="localAddress"/>
    /// (<see cref="IPAddress.Any"/> or <see cref="IPAddress.IPv6Any"/> for every local address; the
    /// address family decides the bind's family). IPv6 UDP binds are IPv6-only, so an IPv4 and an
    /// IPv6 bind can share a port. Needs root (raw sockets, SO_MARK).
    /// </summary>
    /// <exception cref="SocketException">The socket could not be configured or bound (port in use, address not local, not root).</exception>
    /// <exception cref="System.IO.IOException">The raw socket could not be created (not root).</exception>
    public static LinuxDatagramBind Open(DatagramEndpointKind kind, IPAddress localAddress, DatagramBindOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(localAddress);
        options ??= new DatagramBindOptions();
        options.Validate();
        AddressFamily family = localAddress.AddressFamily;
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"'{localAddress}' is neither IPv4 nor IPv6.", nameof(localAddress));
        }

        Socket socket = kind switch
        {
            DatagramEndpointKind.Ike or DatagramEndpointKind.NatTraversal => new Socket(family, SocketType.Dgram, ProtocolType.Udp),
            DatagramEndpointKind.Esp => OpenRaw(family, EspProtocol),
            DatagramEndpointKind.Ah => OpenRaw(family, AhProtocol),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown endpoint kind."),
        };

        try
        {
            Configure(socket, kind, options);
            int port = kind switch
            {
                DatagramEndpointKind.Ike => options.Port ?? IkePort,
                DatagramEndpointKind.NatTraversal => options.Port ?? NatTraversalPort,
                _ => 0,
            };
            socket.Bind(new IPEndPoint(localAddress, port));
            return new LinuxDatagramBind(socket, kind);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public int Receive(Span<byte> buffer, SocketAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<byte> address = source.Buffer.Span;
        if (address.Length < _addressSize)
        {
            throw new ArgumentException($"The source address buffer holds {address.Length} bytes; {AddressFamily} needs {_addressSize}.", nameof(source));
        }

        while (true)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            uint addressLength = (uint)address.Length;
            nint length;
            fixed (byte* data = buffer)
            fixed (byte* addressBytes = address)
            {
                length = LibC.ReceiveFrom(_handle, data, (nuint)buffer.Length, SocketOptions.TruncatedLength, addressBytes, &addressLength);
            }

            if (length >= 0)
            {
                // Dispose shuts the socket down, which wakes receivers with an empty read.
                ObjectDisposedException.ThrowIf(IsDisposed, this);
                if (length > buffer.Length)
                {
                    Interlocked.Increment(ref _discardedOversizeDatagrams);
                    continue;
                }

                source.Size = (int)addressLength;
                return (int)length;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                ObjectDisposedException.ThrowIf(IsDisposed, this);
                throw NativeErrors.Failure($"Receiving on the {Kind} bind {LocalEndPoint}", errno);
            }
        }
    }

    /// <inheritdoc/>
    public DatagramSendStatus Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Family != AddressFamily)
        {
            throw new ArgumentException($"A {destination.Family} destination cannot be reached through the {AddressFamily} bind {LocalEndPoint}.", nameof(destination));
        }

        ReadOnlySpan<byte> address = destination.Buffer.Span[..destination.Size];
        while (true)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            nint sent;
            fixed (byte* data = datagram)
            fixed (byte* addressBytes = address)
            {
                sent = LibC.SendTo(_handle, data, (nuint)datagram.Length, 0, addressBytes, (uint)address.Length);
            }

            if (sent >= 0)
            {
                return DatagramSendStatus.Sent;
            }

            int errno = Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case Errno.EINTR:
                    continue;
                case Errno.EPERM or Errno.EACCES:
                    return DatagramSendStatus.Refused;
                case Errno.ENETUNREACH or Errno.EHOSTUNREACH or Errno.EHOSTDOWN or Errno.ENETDOWN or Errno.EADDRNOTAVAIL:
                    return DatagramSendStatus.Unreachable;
                case Errno.EMSGSIZE:
                    return DatagramSendStatus.TooLarge;
                case Errno.ENOBUFS or Errno.EAGAIN or Errno.ENOMEM:
                    return DatagramSendStatus.Congested;
                // These mean the bind or the caller is broken, not that one datagram failed.
                case Errno.EBADF or Errno.ENOTSOCK or Errno.EFAULT or Errno.EAFNOSUPPORT or Errno.EDESTADDRREQ:
                    ObjectDisposedException.ThrowIf(IsDisposed, this);
                    throw NativeErrors.Failure($"Sending on the {Kind} bind {LocalEndPoint}", errno);
                default:
                    return DatagramSendStatus.Failed;
            }
        }
    }

    /// <inheritdoc/>
    public int Receive(DatagramBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int count = Math.Min(batch.Count, MaximumBatchSize);
        if (count == 0)
        {
            throw new ArgumentException("The batch has no entry to receive into.", nameof(batch));
        }

        MessageHeader* messages = stackalloc MessageHeader[count];
        IoVector* vectors = stackalloc IoVector[count];
        byte* addresses = stackalloc byte[count * SocketOptions.AddressStorageSize];
        for (int i = 0; i < count; i++)
        {
            SocketAddress? source = batch.SocketAddressAt(i);
            if (source is null || source.Buffer.Length < _addressSize)
            {
                throw new ArgumentException($"Entry {i} has no room for a {AddressFamily} source address.", nameof(batch));
            }

            vectors[i] = new IoVector { Base = (void*)batch.Pointer(i), Length = (nuint)batch.Length(i) };
        }

        while (true)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            for (int i = 0; i < count; i++)
            {
                messages[i] = new MessageHeader
                {
                    Name = addresses + (i * SocketOptions.AddressStorageSize),
                    NameLength = SocketOptions.AddressStorageSize,
                    Vectors = vectors + i,
                    VectorCount = 1,
                };
            }

            int received = LibC.ReceiveMessages(_handle, messages, (uint)count, SocketOptions.WaitForOne, null);
            if (received < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                {
                    continue;
                }

                ObjectDisposedException.ThrowIf(IsDisposed, this);
                throw NativeErrors.Failure($"Receiving on the {Kind} bind {LocalEndPoint}", errno);
            }

            // Dispose shuts the socket down, which wakes receivers with an empty read.
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            int kept = 0;
            for (int i = 0; i < received; i++)
            {
                if ((messages[i].Flags & SocketOptions.TruncatedLength) != 0)
                {
                    Interlocked.Increment(ref _discardedOversizeDatagrams);
                    continue;
                }

                if (kept != i)
                {
                    // Entry i's buffer holds the datagram: move it forward over the discarded one.
                    batch.Swap(kept, i);
                }

                SocketAddress source = batch.SocketAddressAt(kept)!;
                int addressLength = (int)Math.Min(messages[i].NameLength, (uint)source.Buffer.Length);
                new ReadOnlySpan<byte>(addresses + (i * SocketOptions.AddressStorageSize), addressLength).CopyTo(source.Buffer.Span);
                source.Size = addressLength;
                batch.SetLength(kept, (int)messages[i].Length);
                kept++;
            }

            if (kept > 0)
            {
                return kept;
            }
        }
    }

    /// <inheritdoc/>
    public int Send(DatagramBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int sent = 0;
        for (int start = 0; start < batch.Count; start += MaximumBatchSize)
        {
            sent += SendChunk(batch, start, Math.Min(MaximumBatchSize, batch.Count - start));
        }

        return sent;
    }

    private int SendChunk(DatagramBatch batch, int start, int count)
    {
        MessageHeader* messages = stackalloc MessageHeader[count];
        IoVector* vectors = stackalloc IoVector[count];
        byte* addresses = stackalloc byte[count * SocketOptions.AddressStorageSize];
        for (int i = 0; i < count; i++)
        {
            SocketAddress destination = batch.SocketAddressAt(start + i) ?? throw new ArgumentException($"Entry {start + i} has no destination.", nameof(batch));
            if (destination.Family != AddressFamily)
            {
                throw new ArgumentException($"A {destination.Family} destination cannot be reached through the {AddressFamily} bind {LocalEndPoint}.", nameof(batch));
            }

            byte* address = addresses + (i * SocketOptions.AddressStorageSize);
            int size = Math.Min(destination.Size, SocketOptions.AddressStorageSize);
            destination.Buffer.Span[..size].CopyTo(new Span<byte>(address, size));
            vectors[i] = new IoVector { Base = (void*)batch.Pointer(start + i), Length = (nuint)batch.Length(start + i) };
            messages[i] = new MessageHeader { Name = address, NameLength = (uint)size, Vectors = vectors + i, VectorCount = 1 };
        }

        int sent = 0;
        int next = 0;
        while (next < count)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            int result = LibC.SendMessages(_handle, messages + next, (uint)(count - next), 0);
            if (result > 0)
            {
                sent += result;
                next += result;
                continue;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (result < 0 && errno == Errno.EINTR)
            {
                continue;
            }

            if (result < 0 && errno is Errno.EBADF or Errno.ENOTSOCK or Errno.EFAULT or Errno.EAFNOSUPPORT or Errno.EDESTADDRREQ)
            {
                ObjectDisposedException.ThrowIf(IsDisposed, this);
                throw NativeErrors.Failure($"Sending on the {Kind} bind {LocalEndPoint}", errno);
            }

            // The first remaining datagram failed (no route, too large, full queue...): it is
            // lost, as with Send; the ones after it may still go.
            next++;
        }

        return sent;
    }

    /// <summary>Closes the socket; receivers blocked in <see cref="Receive"/> wake and throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // System.Net.Sockets shuts a socket down before closing it when another thread is inside
        // a call on it, which is what wakes a blocked recvfrom.
        _socket.Dispose();
    }

    /// <summary>
    /// socket(2) directly: System.Net.Sockets refuses protocol numbers it has no name for (50, 51)
    /// but adopts a descriptor made elsewhere.
    /// </summary>
    private static Socket OpenRaw(AddressFamily family, int protocol)
    {
        int domain = family == AddressFamily.InterNetwork ? SocketOptions.InterNetwork : SocketOptions.InterNetworkV6;
        int descriptor = LibC.Socket(domain, SocketOptions.RawType | SocketOptions.CloseOnExecType, protocol);
        if (descriptor < 0)
        {
            throw NativeErrors.LastFailure($"Opening a raw {family} socket for IP protocol {protocol}");
        }

        return new Socket(new SafeSocketHandle(descriptor, ownsHandle: true));
    }

    private static void Configure(Socket socket, DatagramEndpointKind kind, DatagramBindOptions options)
    {
        if (kind is DatagramEndpointKind.Esp or DatagramEndpointKind.NatTraversal)
        {
            // The host's TCP traffic enters the TUN device (MTU 1400) after its route was chosen, so
            // the host first sends it at the link MTU and then learns a path MTU of the TUN's size
            // for the peer, which every socket to that peer would use: ESP of up to ~1440 bytes
            // would then leave fragmented. PMTUDISC_PROBE sizes against the device MTU and ignores
            // the learned value (without DF on IPv4), so ESP stays whole as long as the link carries it.
            bool ipv4 = socket.AddressFamily == AddressFamily.InterNetwork;
            SetIntOption(socket, ipv4 ? SocketOptions.IpLevel : SocketOptions.Ipv6Level,
                ipv4 ? SocketOptions.IpMtuDiscover : SocketOptions.Ipv6MtuDiscover,
                ipv4 ? SocketOptions.IpPmtuDiscoverProbe : SocketOptions.Ipv6PmtuDiscoverProbe);
        }

        if (socket.AddressFamily == AddressFamily.InterNetworkV6 && socket.SocketType == SocketType.Dgram)
        {
            // IPV6_V6ONLY, so the IPv4 bind on the same port is a separate socket. (Raw IPv6
            // sockets are IPv6-only by nature and reject the option.)
            socket.DualMode = false;
        }

        if (options.FirewallMark is { } mark)
        {
            SetIntOption(socket, SocketOptions.SocketLevel, SocketOptions.Mark, unchecked((int)mark));
        }

        if (options.ReceiveBufferBytes is { } receive)
        {
            SetIntOption(socket, SocketOptions.SocketLevel, SocketOptions.ReceiveBufferForce, receive);
        }

        if (options.SendBufferBytes is { } send)
        {
            SetIntOption(socket, SocketOptions.SocketLevel, SocketOptions.SendBufferForce, send);
        }
    }

    private static void SetIntOption(Socket socket, int level, int option, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        MemoryMarshal.Write(bytes, in value);
        socket.SetRawSocketOption(level, option, bytes);
    }
}
