namespace Engine.DataPlane.Buffers;

/// <summary>
/// The shape of every packet buffer: head room, then up to the largest packet, then tail room.
/// A packet read from the TUN device or a bind lands at <see cref="HeadRoom"/>, so ESP/AH
/// headers can be written in front of it and trailers after it without copying the payload.
/// </summary>
internal readonly struct PacketBufferLayout
{
    /// <summary>
    /// Room before the packet: the largest thing written in front is an AH header with a 32-byte
    /// ICV (48 over IPv6) after a 40-byte pseudo IPv6 header, 88 bytes; ESP needs 8 + 16.
    /// Inbound, the rebuilt transport header (up to 40 bytes) goes in front of the payload.
    /// </summary>
    public const int HeadRoom = 128;

    /// <summary>Room after the packet: ESP padding (up to 15), pad length, next header and a 32-byte ICV.</summary>
    public const int TailRoom = 64;

    public PacketBufferLayout(int maximumPacketSize)
    {
        MaximumPacketSize = maximumPacketSize;
    }

    /// <summary>The largest packet or datagram a buffer takes, without the rooms.</summary>
    public int MaximumPacketSize { get; }

    /// <summary>The length of each buffer array.</summary>
    public int Capacity => HeadRoom + MaximumPacketSize + TailRoom;
}
