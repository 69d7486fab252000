using System;
using Engine.DataPlane.Abstractions;

namespace Engine.Platform.Linux.Tun;

/// <summary>
/// The writer of an offloading <see cref="LinuxTunDevice"/> queue: runs of one TCP flow's
/// consecutive segments go to the device as one super-packet (<see cref="TcpCoalescer"/>), every
/// other packet as it comes, in the order given.
/// </summary>
internal sealed class CoalescingTunWriter(LinuxTunDevice device) : ITunPacketWriter
{
    private readonly TcpCoalescer coalescer = new();
    private int refused;

    public bool Write(byte[] buffer, int offset, int length)
    {
        ReadOnlySpan<byte> packet = buffer.AsSpan(offset, length);
        if (coalescer.TryAppend(packet))
        {
            return true;
        }

        WriteRun();
        if (TcpCoalescer.IsCandidate(packet))
        {
            coalescer.Start(buffer, offset, length);
            return true;
        }

        return device.Write(packet);
    }

    public int Flush()
    {
        WriteRun();
        int count = refused;
        refused = 0;
        return count;
    }

    private void WriteRun()
    {
        int segments = coalescer.Segments;
        if (segments == 0)
        {
            return;
        }

        bool written;
        try
        {
            written = segments == 1 ? device.Write(coalescer.HeldPacket) : device.WriteFrame(coalescer.CompleteSuperPacket());
        }
        finally
        {
            // A failure drops the run rather than letting it reference buffers about to be reused.
            coalescer.Reset();
        }

        if (!written)
        {
            refused += segments;
        }
    }
}
