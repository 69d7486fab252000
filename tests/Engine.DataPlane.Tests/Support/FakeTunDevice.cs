using System.Collections.Concurrent;
using System.Threading;
using Engine.DataPlane.Abstractions;

namespace Engine.DataPlane.Tests.Support;

/// <summary>
/// An in-memory TUN device: tests inject the packets "the host routes into it" and collect the
/// packets the data plane writes back. Read blocks like the real device and throws
/// <see cref="ObjectDisposedException"/> once disposed.
/// </summary>
public sealed class FakeTunDevice : ITunDevice
{
    private readonly BlockingCollection<byte[]> toRead = [];
    private readonly BlockingCollection<byte[]> written = [];
    private readonly CancellationTokenSource disposed = new();

    public FakeTunDevice(string name = "fake0", int mtu = 1400)
    {
        Name = name;
        Mtu = mtu;
    }

    public string Name { get; }

    public int Mtu { get; }

    public int BatchSize => 1;

    /// <summary>Packets injected and not read yet.</summary>
    public int PendingReads => toRead.Count;

    /// <summary>What <see cref="Write"/> returns (false simulates the host refusing a packet).</summary>
    public bool AcceptWrites { get; set; } = true;

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

            // The contract: a packet that does not fit is discarded, never truncated.
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
        if (!AcceptWrites)
        {
            return false;
        }

        written.Add(packet.ToArray());
        return true;
    }

    /// <summary>Everything written so far, taken out.</summary>
    public List<byte[]> TakeWritten()
    {
        var packets = new List<byte[]>();
        while (written.TryTake(out var packet))
        {
            packets.Add(packet);
        }

        return packets;
    }

    /// <summary>Waits for the next written packet (threaded tests).</summary>
    public byte[] WaitForWritten(TimeSpan timeout) =>
        written.TryTake(out var packet, timeout) ? packet : throw new TimeoutException($"{Name}: nothing written within {timeout}");

    public void Dispose() => disposed.Cancel();
}
