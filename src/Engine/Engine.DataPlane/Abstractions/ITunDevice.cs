using System;

namespace Engine.DataPlane.Abstractions;

/// <summary>
/// A layer-3 virtual interface: the operating system routes the packets that policy says to secure
/// into it, and the data plane writes decrypted packets back through it into the host's stack.
/// Modelled on wireguard-go's <c>tun.Device</c>, without its packet-information header: every
/// packet read or written is a bare IPv4 or IPv6 packet, starting at the IP header.
/// </summary>
/// <remarks>
/// <para>Threading: <see cref="Read"/> and <see cref="Write"/> are blocking and may be called from
/// several threads at once; each call moves exactly one whole packet. Packets of one flow stay in
/// order only if one thread reads them. <see cref="IDisposable.Dispose"/> may be called from any
/// thread and unblocks every pending <see cref="Read"/>, which then throws
/// <see cref="ObjectDisposedException"/>; so do all later calls.</para>
/// <para>Buffers: the data plane owns them and passes a slice (typically after head room for the
/// outer IP, UDP and ESP headers, so encryption happens in place). A read buffer shorter than
/// <see cref="Mtu"/> risks losing packets: an implementation discards a packet that does not fit
/// rather than returning part of it. Nothing on these paths allocates.</para>
/// <para>Batching: <see cref="BatchSize"/> is the number of packets one <see cref="Read(DatagramBatch)"/>
/// can return: the first read blocks, the rest take what the device already queued. The data plane
/// sizes its per-loop buffers from it.</para>
/// </remarks>
public interface ITunDevice : IDisposable
{
    /// <summary>The interface name the host sees (<c>ip link</c>), at most 15 bytes on Linux.</summary>
    string Name { get; }

    /// <summary>The interface MTU: the largest packet the host routes into the device.</summary>
    int Mtu { get; }

    /// <summary>How many packets one read or write can carry; 1 for single-packet devices.</summary>
    int BatchSize { get; }

    /// <summary>
    /// Blocks until the host routes a packet into the device and copies it to the start of
    /// <paramref name="packet"/>.
    /// </summary>
    /// <returns>The packet's length in bytes.</returns>
    /// <exception cref="ObjectDisposedException">The device was disposed before or during the call.</exception>
    int Read(Span<byte> packet);

    /// <summary>Injects one IPv4 or IPv6 packet into the host's stack as if it arrived on this interface.</summary>
    /// <returns>
    /// False when the host refused this one packet (it is not a well-formed IP packet, or the
    /// interface is down or congested); the caller counts it as dropped and carries on.
    /// </returns>
    /// <exception cref="ObjectDisposedException">The device was disposed.</exception>
    bool Write(ReadOnlySpan<byte> packet);

    /// <summary>
    /// A writer for one packet loop's decrypted packets. The default writes each packet as
    /// <see cref="Write"/> does; a device with receive offload returns one that coalesces
    /// segments of a TCP flow written between two flushes.
    /// </summary>
    ITunPacketWriter CreateWriter() => new DirectTunPacketWriter(this);

    /// <summary>
    /// Blocks until a packet arrives, then reads what else is already queued, up to the batch's
    /// <see cref="DatagramBatch.Count"/> entries (each the space for one packet). Packet k goes to
    /// entry k, whose length becomes the packet's.
    /// </summary>
    /// <returns>How many entries, from the first, hold a packet (at least 1).</returns>
    /// <exception cref="ObjectDisposedException">The device was disposed before or during the call.</exception>
    int Read(DatagramBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.SetLength(0, Read(batch.Span(0)));
        return 1;
    }
}
