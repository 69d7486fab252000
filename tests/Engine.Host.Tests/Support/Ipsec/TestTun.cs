using System;
using System.Collections.Generic;
using Engine.DataPlane.Abstractions;

namespace Engine.Host.Tests.Support.Ipsec;

/// <summary>A TUN device driven by the test on one thread: inject a packet, then run the loop once.</summary>
internal sealed class TestTun : ITunDevice
{
    private readonly Queue<byte[]> toRead = new();
    private bool disposed;

    public string Name => "test-tun";

    public int Mtu => 1400;

    public int BatchSize => 1;

    public List<byte[]> Written { get; } = new();

    public void Inject(byte[] packet) => toRead.Enqueue(packet);

    public int Read(Span<byte> packet)
    {
        ObjectDisposedException.ThrowIf(disposed || toRead.Count == 0, this);
        var next = toRead.Dequeue();
        next.CopyTo(packet);
        return next.Length;
    }

    public bool Write(ReadOnlySpan<byte> packet)
    {
        Written.Add(packet.ToArray());
        return true;
    }

    public void Dispose() => disposed = true;
}
