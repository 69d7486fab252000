using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Engine.DataPlane.Abstractions;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>
/// An in-memory TUN device: the test injects the packets the host would route into it and takes
/// out the packets the data plane writes back (decrypted inbound traffic).
/// </summary>
internal sealed class MemoryTun(string name) : ITunDevice
{
    private readonly BlockingCollection<byte[]> toRead = [];
    private readonly ConcurrentQueue<byte[]> written = new();
    private readonly CancellationTokenSource disposed = new();

    public string Name { get; } = name;

    public int Mtu => 1400;

    public int BatchSize => 1;

    /// <summary>Packets injected and not read by the data plane yet.</summary>
    public int Pending => toRead.Count;

    /// <summary>The host routes <paramref name="packet"/> into the device.</summary>
    public void Inject(byte[] packet) => toRead.Add(packet);

    public int Read(Span<byte> packet)
    {
        while (true)
        {
            byte[] next;
            try
            {
                next = toRead.Take(disposed.Token);
            }
            catch (OperationCanceledException)
            {
                throw new ObjectDisposedException(Name);
            }

            if (next.Length <= packet.Length)
            {
                next.CopyTo(packet);
                return next.Length;
            }
        }
    }

    public bool Write(ReadOnlySpan<byte> packet)
    {
        ObjectDisposedException.ThrowIf(disposed.IsCancellationRequested, this);
        written.Enqueue(packet.ToArray());
        return true;
    }

    /// <summary>Everything written so far, taken out.</summary>
    public List<byte[]> TakeWritten()
    {
        var packets = new List<byte[]>();
        while (written.TryDequeue(out var packet))
        {
            packets.Add(packet);
        }

        return packets;
    }

    public void Dispose() => disposed.Cancel();
}
