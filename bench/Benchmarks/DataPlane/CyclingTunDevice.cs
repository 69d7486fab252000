using System;
using Engine.DataPlane.Abstractions;

namespace IpSecPolicy.Benchmarks.DataPlane;

/// <summary>A TUN device that hands out the same packets in turn, round and round, and swallows writes.</summary>
internal sealed class CyclingTunDevice(byte[][] packets) : ITunDevice
{
    private int next;

    public string Name => "bench0";

    public int Mtu => 1500;

    public int BatchSize => 1;

    public int Read(Span<byte> destination)
    {
        var packet = packets[next];
        next = next + 1 == packets.Length ? 0 : next + 1;
        packet.CopyTo(destination);
        return packet.Length;
    }

    public bool Write(ReadOnlySpan<byte> packet) => true;

    public void Dispose()
    {
    }
}
