using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.Platform.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Engine.Platform.Linux.Tun;

/// <summary>
/// One queue of a Linux TUN interface opened through /dev/net/tun with IFF_TUN | IFF_NO_PI: reads
/// and writes are bare IP packets. With <see cref="TunDeviceOptions.Offload"/> (the default) the
/// queue also has IFF_VNET_HDR and TCP segmentation offload: the host's TCP hands it super-packets
/// of up to 64 KB, which reads split into MTU-sized segments (<see cref="TcpSegmentation"/>), and
/// writes put an empty virtio_net_hdr before each packet. Reads of one queue are serialised (a
/// super-packet being split is per-queue state). The interface is created in the network namespace of the
/// calling thread (use <see cref="Namespaces.NetworkNamespace.Run(string, Action)"/> to pick one)
/// and is not persistent: the kernel deletes it, and with it every route through it, when its last
/// queue is closed, including when the process dies.
/// </summary>
/// <remarks>
/// The descriptor is non-blocking. <see cref="Read"/> first tries read(2) and only when the queue
/// is empty waits in poll(2) on the queue and on an eventfd that <see cref="Dispose"/> signals, so
/// a busy reader costs one system call per packet and Dispose reliably wakes a waiting one (closing
/// a descriptor does not wake a thread blocked on it).
/// </remarks>
public sealed unsafe class LinuxTunDevice : ITunDevice
{
    private const string ClonePath = "/dev/net/tun";

    // The largest super-packet (64 KB of IP packet) and its virtio_net_hdr.
    private const int SuperPacketCapacity = VirtioNetHeader.Size + 65536;

    private readonly SafeFileHandle _queue;
    private readonly SafeFileHandle _wakeup;
    private readonly Lock _readGate = new();
    private readonly byte[]? _superPacket;
    private int _superPacketLength;
    private SegmentLayout _layout;
    private int _nextSegment;
    private long _discardedOversizePackets;
    private long _discardedMalformedPackets;
    private int _disposed;

    private LinuxTunDevice(SafeFileHandle queue, SafeFileHandle wakeup, string name, int mtu, bool offload)
    {
        _queue = queue;
        _wakeup = wakeup;
        Name = name;
        Mtu = mtu;
        if (offload)
        {
            // Pinned: read(2) fills it while other threads may trigger a compacting GC.
            _superPacket = GC.AllocateUninitializedArray<byte>(SuperPacketCapacity, pinned: true);
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Mtu { get; }

    /// <summary>Packets one <see cref="Read(DatagramBatch)"/> drains at most.</summary>
    public const int MaximumBatchSize = 64;

    /// <inheritdoc/>
    public int BatchSize => MaximumBatchSize;

    /// <summary>Packets dropped by <see cref="Read(Span{byte})"/> because they did not fit the caller's buffer.</summary>
    public long DiscardedOversizePackets => Interlocked.Read(ref _discardedOversizePackets);

    /// <summary>Offloaded packets dropped because their virtio_net_hdr did not describe what they held.</summary>
    public long DiscardedMalformedPackets => Interlocked.Read(ref _discardedMalformedPackets);

    /// <summary>True when the queue was opened with IFF_VNET_HDR (<see cref="TunDeviceOptions.Offload"/>).</summary>
    public bool HasOffload => _superPacket is not null;

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Creates a single-queue device, sets its MTU and brings it up.</summary>
    /// <exception cref="System.IO.IOException">The kernel refused (no TUN support, name taken by another device, not root).</exception>
    public static LinuxTunDevice Create(TunDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.QueueCount != 1)
        {
            throw new ArgumentException($"{nameof(Create)} makes one queue; use {nameof(CreateQueues)} for {options.QueueCount}.", nameof(options));
        }

        return CreateQueues(options)[0];
    }

    /// <summary>
    /// Creates the device with <see cref="TunDeviceOptions.QueueCount"/> queues (IFF_MULTI_QUEUE
    /// when more than one), sets its MTU and brings it up. Every queue needs its own reader: the
    /// kernel assigns each flow to one queue. The device lives until all queues are disposed.
    /// </summary>
    public static IReadOnlyList<LinuxTunDevice> CreateQueues(TunDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var queues = new List<LinuxTunDevice>(options.QueueCount);
        try
        {
            string name = options.Name;
            for (int i = 0; i < options.QueueCount; i++)
            {
                queues.Add(OpenQueue(name, options.Mtu, multiQueue: options.QueueCount > 1, options.Offload));
                name = queues[i].Name;
            }

            Configure(options);
            return queues.ToArray();
        }
        catch
        {
            foreach (var queue in queues)
            {
                queue.Dispose();
            }

            throw;
        }
    }

    /// <inheritdoc/>
    public int Read(Span<byte> packet)
    {
        if (_superPacket is not null)
        {
            lock (_readGate)
            {
                TryReadOffloaded(packet, block: true, out int length);
                return length;
            }
        }

        while (true)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            nint length;
            fixed (byte* buffer = packet)
            {
                length = LibC.Read(_queue, buffer, packet.Length);
            }

            if (length >= 0)
            {
                // The kernel reports a packet's full length even when it copied only what fit.
                if (length <= packet.Length)
                {
                    return (int)length;
                }

                Interlocked.Increment(ref _discardedOversizePackets);
                continue;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EAGAIN)
            {
                WaitUntilReadableOrDisposed();
            }
            else if (errno != Errno.EINTR)
            {
                ObjectDisposedException.ThrowIf(IsDisposed, this);
                throw NativeErrors.Failure($"Reading from TUN device '{Name}'", errno);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The first packet is read as by <see cref="Read(Span{byte})"/>; then read(2) is called again
    /// until the queue is empty or the batch full, so a busy device costs one wakeup per batch.
    /// </remarks>
    public int Read(DatagramBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int capacity = Math.Min(batch.Count, MaximumBatchSize);
        if (_superPacket is not null)
        {
            lock (_readGate)
            {
                TryReadOffloaded(batch.Span(0), block: true, out int first);
                batch.SetLength(0, first);
                int read = 1;
                while (read < capacity && TryReadOffloaded(batch.Span(read), block: false, out int length))
                {
                    batch.SetLength(read, length);
                    read++;
                }

                return read;
            }
        }

        batch.SetLength(0, Read(batch.Span(0)));
        int count = 1;
        while (count < capacity)
        {
            nint length = LibC.Read(_queue, (byte*)batch.Pointer(count), batch.Length(count));
            if (length < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                {
                    continue;
                }

                // Empty (EAGAIN) or failing: return what was read; the next blocking read reports a failure.
                break;
            }

            if (length > batch.Length(count))
            {
                Interlocked.Increment(ref _discardedOversizePackets);
                continue;
            }

            batch.SetLength(count, (int)length);
            count++;
        }

        return count;
    }

    /// <inheritdoc/>
    public bool Write(ReadOnlySpan<byte> packet)
    {
        // With IFF_VNET_HDR every packet is written behind a virtio_net_hdr; all zero says "one
        // packet, checksums complete", which decrypted packets are.
        byte* header = stackalloc byte[VirtioNetHeader.Size];
        new Span<byte>(header, VirtioNetHeader.Size).Clear();
        IoVector* vectors = stackalloc IoVector[2];
        while (true)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            nint written;
            fixed (byte* buffer = packet)
            {
                if (_superPacket is null)
                {
                    written = LibC.Write(_queue, buffer, packet.Length);
                }
                else
                {
                    vectors[0] = new IoVector { Base = header, Length = VirtioNetHeader.Size };
                    vectors[1] = new IoVector { Base = buffer, Length = (nuint)packet.Length };
                    written = LibC.WriteVector(_queue, vectors, 2);
                }
            }

            if (written >= 0 || !RetryWrite())
            {
                return written >= 0;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// With <see cref="TunDeviceOptions.Offload"/>, the writer coalesces consecutive segments of a
    /// TCP flow into one super-packet (generic receive offload, <see cref="TcpCoalescer"/>).
    /// </remarks>
    public ITunPacketWriter CreateWriter() => _superPacket is null ? new DirectTunPacketWriter(this) : new CoalescingTunWriter(this);

    /// <summary>Writes a virtio_net_hdr and the packet behind it (an offloading queue only) with one write(2).</summary>
    /// <returns>False when the host refused it, as <see cref="Write(ReadOnlySpan{byte})"/>.</returns>
    internal bool WriteFrame(ReadOnlySpan<byte> frame)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            nint written;
            fixed (byte* buffer = frame)
            {
                written = LibC.Write(_queue, buffer, frame.Length);
            }

            if (written >= 0 || !RetryWrite())
            {
                return written >= 0;
            }
        }
    }

    /// <summary>After a failed write: true to try again (interrupted), false when this packet is lost; throws for the rest.</summary>
    private bool RetryWrite()
    {
        switch (Marshal.GetLastPInvokeError())
        {
            case Errno.EINTR:
                return true;
            // Not an IP packet, interface down, or no memory: this packet is lost, the next may not be.
            case Errno.EINVAL or Errno.EIO or Errno.EFAULT or Errno.ENOMEM or Errno.ENOBUFS or Errno.EAGAIN:
                return false;
            case var errno:
                ObjectDisposedException.ThrowIf(IsDisposed, this);
                throw NativeErrors.Failure($"Writing to TUN device '{Name}'", errno);
        }
    }

    /// <summary>Closes this queue; a reader blocked in <see cref="Read"/> wakes and throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ulong one = 1;
        // The eventfd stays readable from now on, so a reader that reaches poll later returns at once.
        LibC.Write(_wakeup, (byte*)&one, sizeof(ulong));
        // SafeHandle defers the actual close until readers in read/poll have released their references.
        _queue.Dispose();
        _wakeup.Dispose();
    }

    /// <summary>
    /// The next packet of an offloading queue: a segment of the super-packet being split, or what
    /// the next read(2) brings (split or checksummed as its header says).
    /// </summary>
    /// <returns>False when <paramref name="block"/> is false and nothing is queued.</returns>
    private bool TryReadOffloaded(Span<byte> destination, bool block, out int length)
    {
        byte[] super = _superPacket!;
        while (true)
        {
            if (_nextSegment < _layout.SegmentCount)
            {
                length = TcpSegmentation.WriteSegment(super.AsSpan(VirtioNetHeader.Size, _superPacketLength), _layout, _nextSegment++, destination);
                if (length >= 0)
                {
                    return true;
                }

                // The caller's buffer is smaller than the device's segments: none of them fits.
                Interlocked.Add(ref _discardedOversizePackets, _layout.SegmentCount - _nextSegment + 1);
                _nextSegment = _layout.SegmentCount;
                continue;
            }

            ObjectDisposedException.ThrowIf(IsDisposed, this);
            nint read;
            fixed (byte* buffer = super)
            {
                read = LibC.Read(_queue, buffer, super.Length);
            }

            if (read < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EAGAIN)
                {
                    if (!block)
                    {
                        length = 0;
                        return false;
                    }

                    WaitUntilReadableOrDisposed();
                }
                else if (errno != Errno.EINTR)
                {
                    ObjectDisposedException.ThrowIf(IsDisposed, this);
                    throw NativeErrors.Failure($"Reading from TUN device '{Name}'", errno);
                }

                continue;
            }

            if (read <= VirtioNetHeader.Size || read > super.Length)
            {
                Interlocked.Increment(ref _discardedMalformedPackets);
                continue;
            }

            var header = VirtioNetHeader.Read(super);
            Span<byte> packet = super.AsSpan(VirtioNetHeader.Size, (int)read - VirtioNetHeader.Size);
            if (header.GsoType == VirtioNetHeader.GsoNone)
            {
                if ((header.Flags & VirtioNetHeader.NeedsChecksum) != 0
                    && !TcpSegmentation.CompleteChecksum(packet, header.ChecksumStart, header.ChecksumOffset))
                {
                    Interlocked.Increment(ref _discardedMalformedPackets);
                    continue;
                }

                if (packet.Length > destination.Length)
                {
                    Interlocked.Increment(ref _discardedOversizePackets);
                    continue;
                }

                packet.CopyTo(destination);
                length = packet.Length;
                return true;
            }

            if (!TcpSegmentation.TryDescribe(packet, header, out _layout))
            {
                _layout = default;
                Interlocked.Increment(ref _discardedMalformedPackets);
                continue;
            }

            _superPacketLength = packet.Length;
            _nextSegment = 0;
        }
    }

    private static LinuxTunDevice OpenQueue(string name, int mtu, bool multiQueue, bool offload)
    {
        SafeFileHandle queue = LibC.Open(ClonePath, OpenFlags.ReadWrite | OpenFlags.NonBlocking | OpenFlags.CloseOnExec);
        if (queue.IsInvalid)
        {
            throw NativeErrors.LastFailure($"Opening {ClonePath}");
        }

        try
        {
            var request = InterfaceRequest.ForName(name);
            request.Flags = (short)(InterfaceIoctl.TunMode | InterfaceIoctl.NoPacketInformation | (multiQueue ? InterfaceIoctl.MultiQueue : 0)
                | (offload ? InterfaceIoctl.VirtioNetHeaderFlag : 0));
            if (LibC.Ioctl(queue, InterfaceIoctl.TunSetInterface, &request) != 0)
            {
                throw NativeErrors.LastFailure($"Creating TUN device '{name}' (TUNSETIFF)");
            }

            // The argument is the flag word itself, not a pointer to it. TSO needs TUN_F_CSUM.
            if (offload && LibC.Ioctl(queue, InterfaceIoctl.TunSetOffload,
                    (void*)(nuint)(InterfaceIoctl.OffloadChecksum | InterfaceIoctl.OffloadTso4 | InterfaceIoctl.OffloadTso6)) != 0)
            {
                throw NativeErrors.LastFailure($"Turning on offloads of TUN device '{name}' (TUNSETOFFLOAD)");
            }

            SafeFileHandle wakeup = LibC.EventFd(0, OpenFlags.CloseOnExec | OpenFlags.NonBlocking);
            if (wakeup.IsInvalid)
            {
                throw NativeErrors.LastFailure("Creating an eventfd");
            }

            return new LinuxTunDevice(queue, wakeup, request.Name, mtu, offload);
        }
        catch
        {
            queue.Dispose();
            throw;
        }
    }

    private static void Configure(TunDeviceOptions options)
    {
        // No IPv6 link-local address: without it the kernel sends no router solicitations or
        // MLD reports into the device, so a reader sees only what policy routes into it.
        // Must happen before the link goes up.
        InterfaceControl.TryWriteInterfaceSysctl("ipv6", options.Name, "addr_gen_mode", "1");
        if (options.ExemptFromReversePathFilter)
        {
            ReversePathFilter.Exempt(options.Name);
        }

        InterfaceControl.SetMtu(options.Name, options.Mtu);
        InterfaceControl.BringUp(options.Name);
    }

    private void WaitUntilReadableOrDisposed()
    {
        bool queueReferenced = false;
        bool wakeupReferenced = false;
        try
        {
            // Hold both descriptors open for the duration of poll, which takes raw numbers.
            _queue.DangerousAddRef(ref queueReferenced);
            _wakeup.DangerousAddRef(ref wakeupReferenced);
            PollDescriptor* descriptors = stackalloc PollDescriptor[2];
            descriptors[0] = new PollDescriptor { Descriptor = (int)_queue.DangerousGetHandle(), RequestedEvents = PollDescriptor.Readable };
            descriptors[1] = new PollDescriptor { Descriptor = (int)_wakeup.DangerousGetHandle(), RequestedEvents = PollDescriptor.Readable };
            if (LibC.Poll(descriptors, 2, -1) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw NativeErrors.Failure($"Waiting on TUN device '{Name}'", errno);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // DangerousAddRef after Dispose: report it the way every other call does.
            throw new ObjectDisposedException(GetType().FullName);
        }
        finally
        {
            if (wakeupReferenced)
            {
                _wakeup.DangerousRelease();
            }

            if (queueReferenced)
            {
                _queue.DangerousRelease();
            }
        }
    }
}
