using System;
using System.Net;
using System.Runtime.InteropServices;

namespace Engine.DataPlane.Abstractions;

/// <summary>
/// Several datagrams or packets moved by one call (<see cref="IDatagramBind.Send(DatagramBatch)"/>,
/// <see cref="IDatagramBind.Receive(DatagramBatch)"/>, <see cref="ITunDevice.Read(DatagramBatch)"/>):
/// each entry is a slice of a caller-owned buffer and, for binds, an address. The caller allocates
/// one batch per packet loop and reuses it, so batching allocates nothing per packet.
/// </summary>
/// <remarks>
/// Every buffer is pinned while it is in the batch (a GC handle, not a managed allocation), so an
/// implementation may hand <see cref="Pointer"/> to the kernel for a whole batch at once.
/// <see cref="Clear"/> or <see cref="Dispose"/> releases them. Not thread-safe.
/// </remarks>
public sealed class DatagramBatch : IDisposable
{
    private readonly byte[]?[] buffers;
    private readonly GCHandle[] pins;
    private readonly int[] offsets;
    private readonly int[] lengths;
    private readonly SocketAddress?[] addresses;

    /// <param name="capacity">The most entries the batch holds (at least 1).</param>
    public DatagramBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        buffers = new byte[]?[capacity];
        pins = new GCHandle[capacity];
        offsets = new int[capacity];
        lengths = new int[capacity];
        addresses = new SocketAddress?[capacity];
    }

    /// <summary>The most entries the batch holds.</summary>
    public int Capacity => buffers.Length;

    /// <summary>Entries added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>True when no further entry fits.</summary>
    public bool IsFull => Count == buffers.Length;

    /// <summary>
    /// Adds a slice of <paramref name="buffer"/>: for sending, the datagram and its destination;
    /// for receiving or reading, the space to fill and the address to write the sender into (null
    /// for TUN devices).
    /// </summary>
    /// <exception cref="InvalidOperationException">The batch is full.</exception>
    public void Add(byte[] buffer, int offset, int length, SocketAddress? address)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, buffer.Length, nameof(length));
        if (IsFull)
        {
            throw new InvalidOperationException("The batch is full.");
        }

        int index = Count++;
        buffers[index] = buffer;
        pins[index] = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        offsets[index] = offset;
        lengths[index] = length;
        addresses[index] = address;
    }

    /// <summary>The buffer of entry <paramref name="index"/>.</summary>
    public byte[] Buffer(int index) => buffers[CheckIndex(index)]!;

    /// <summary>Where entry <paramref name="index"/> starts in its buffer.</summary>
    public int Offset(int index) => offsets[CheckIndex(index)];

    /// <summary>The entry's length: of the datagram to send, the space to fill, or (after a receive or read) what arrived.</summary>
    public int Length(int index) => lengths[CheckIndex(index)];

    /// <summary>The entry's address (destination or source), or null.</summary>
    public SocketAddress? SocketAddressAt(int index) => addresses[CheckIndex(index)];

    /// <summary>The entry as a span.</summary>
    public Span<byte> Span(int index) => buffers[CheckIndex(index)].AsSpan(offsets[index], lengths[index]);

    /// <summary>The address of the entry's first byte; valid while the entry is in the batch (its buffer is pinned).</summary>
    public nint Pointer(int index) => pins[CheckIndex(index)].AddrOfPinnedObject() + offsets[index];

    /// <summary>Sets the entry's length (what a receive or read delivered, or the space before the next one).</summary>
    public void SetLength(int index, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offsets[CheckIndex(index)] + length, buffers[index]!.Length, nameof(length));
        lengths[index] = length;
    }

    /// <summary>Exchanges two entries (an implementation that drops a datagram moves the good ones to the front).</summary>
    public void Swap(int first, int second)
    {
        CheckIndex(first);
        CheckIndex(second);
        (buffers[first], buffers[second]) = (buffers[second], buffers[first]);
        (pins[first], pins[second]) = (pins[second], pins[first]);
        (offsets[first], offsets[second]) = (offsets[second], offsets[first]);
        (lengths[first], lengths[second]) = (lengths[second], lengths[first]);
        (addresses[first], addresses[second]) = (addresses[second], addresses[first]);
    }

    /// <summary>Removes every entry and unpins its buffer.</summary>
    public void Clear()
    {
        for (int i = 0; i < Count; i++)
        {
            pins[i].Free();
            buffers[i] = null;
            addresses[i] = null;
        }

        Count = 0;
    }

    /// <inheritdoc/>
    public void Dispose() => Clear();

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return index;
    }
}
