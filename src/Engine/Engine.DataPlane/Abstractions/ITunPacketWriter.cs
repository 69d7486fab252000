namespace Engine.DataPlane.Abstractions;

/// <summary>
/// One packet loop's way of writing decrypted packets into a TUN device
/// (<see cref="ITunDevice.CreateWriter"/>). A device with receive offload may hold packets back
/// until <see cref="Flush"/> and write consecutive segments of one TCP flow as one super-packet,
/// so the host's stack handles one packet where it would have handled dozens.
/// </summary>
/// <remarks>
/// Not thread-safe: each loop creates its own. The bytes of a packet given to <see cref="Write"/>
/// must stay as they are until the next <see cref="Flush"/> (the loop flushes before it reuses its
/// buffers). Nothing on these paths allocates.
/// </remarks>
public interface ITunPacketWriter
{
    /// <summary>
    /// Writes, or holds for the next <see cref="Flush"/>, the IPv4 or IPv6 packet of
    /// <paramref name="length"/> bytes at <paramref name="offset"/> in <paramref name="buffer"/>.
    /// </summary>
    /// <returns>False when the host refused this packet now; true when it took or holds it.</returns>
    /// <exception cref="System.ObjectDisposedException">The device was disposed.</exception>
    bool Write(byte[] buffer, int offset, int length);

    /// <summary>Writes every packet held back.</summary>
    /// <returns>
    /// How many of the packets <see cref="Write"/> returned true for since the last flush the host
    /// then refused (a refused super-packet counts each packet it carried).
    /// </returns>
    /// <exception cref="System.ObjectDisposedException">The device was disposed.</exception>
    int Flush();
}
