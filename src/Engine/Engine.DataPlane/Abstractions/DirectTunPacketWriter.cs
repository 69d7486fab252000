using System;

namespace Engine.DataPlane.Abstractions;

/// <summary>
/// The writer of a device without receive offload (<see cref="ITunDevice.CreateWriter"/>'s
/// default): every packet is written at once with <see cref="ITunDevice.Write"/>.
/// </summary>
public sealed class DirectTunPacketWriter(ITunDevice device) : ITunPacketWriter
{
    /// <inheritdoc/>
    public bool Write(byte[] buffer, int offset, int length) => device.Write(buffer.AsSpan(offset, length));

    /// <inheritdoc/>
    public int Flush() => 0;
}
