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
/// and writes are bare IP packets. The interface is created in the network namespace of the
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

    private readonly SafeFileHandle _queue;
    private readonly SafeFileHandle _wakeup;
    private long _discardedOversizePackets;
    private int _disposed;

    private LinuxTunDevice(SafeFileHandle queue, SafeFileHandle wakeup, string name, int mtu)
    {
        _queue = queue;
        _wakeup = wakeup;
        Name = name;
        Mtu = mtu;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Mtu { get; }

    /// <summary>Packets one <see cref="Read(DatagramBatch)"/> drains at most.</summary>
    public const int MaximumBatchSize = 64;

    /// <inheritdoc/>
    public int BatchSize => MaximumBatchSize;

    /// <summary>Packets dropped by <see cref="Read"/> because they did not fit the caller's buffer.</summary>
    public long DiscardedOversizePackets => Interlocked.Read(ref _discardedOversizePackets);

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
                queues.Add(OpenQueue(name, options.Mtu, multiQueue: options.QueueCount > 1));
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
        while (true)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            nint written;
            fixed (byte* buffer = packet)
            {
                written = LibC.Write(_queue, buffer, packet.Length);
            }

            if (written >= 0)
            {
                return true;
            }

            switch (Marshal.GetLastPInvokeError())
            {
                case Errno.EINTR:
                    continue;
                // Not an IP packet, interface down, or no memory: this packet is lost, the next may not be.
                case Errno.EINVAL or Errno.EIO or Errno.EFAULT or Errno.ENOMEM or Errno.ENOBUFS or Errno.EAGAIN:
                    return false;
                case var errno:
                    ObjectDisposedException.ThrowIf(IsDisposed, this);
                    throw NativeErrors.Failure($"Writing to TUN device '{Name}'", errno);
            }
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

    private static LinuxTunDevice OpenQueue(string name, int mtu, bool multiQueue)
    {
        SafeFileHandle queue = LibC.Open(ClonePath, OpenFlags.ReadWrite | OpenFlags.NonBlocking | OpenFlags.CloseOnExec);
        if (queue.IsInvalid)
        {
            throw NativeErrors.LastFailure($"Opening {ClonePath}");
        }

        try
        {
            var request = InterfaceRequest.ForName(name);
            request.Flags = (short)(InterfaceIoctl.TunMode | InterfaceIoctl.NoPacketInformation | (multiQueue ? InterfaceIoctl.MultiQueue : 0));
            if (LibC.Ioctl(queue, InterfaceIoctl.TunSetInterface, &request) != 0)
            {
                throw NativeErrors.LastFailure($"Creating TUN device '{name}' (TUNSETIFF)");
            }

            SafeFileHandle wakeup = LibC.EventFd(0, OpenFlags.CloseOnExec | OpenFlags.NonBlocking);
            if (wakeup.IsInvalid)
            {
                throw NativeErrors.LastFailure("Creating an eventfd");
            }

            return new LinuxTunDevice(queue, wakeup, request.Name, mtu);
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
