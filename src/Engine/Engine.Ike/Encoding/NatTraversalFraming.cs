namespace Engine.Ike.Encoding;

/// <summary>
/// The framing of UDP port 4500 (RFC 3948; RFC 3947 section 4): IKE and ESP share the port, and
/// an SPI of zero is reserved, so IKE messages are prefixed with four zero bytes (the non-ESP
/// marker) while ESP starts directly with its SPI. A lone 0xFF byte is a NAT keepalive.
/// </summary>
public static class NatTraversalFraming
{
    public const int NonEspMarkerLength = 4;

    /// <summary>The NAT keepalive payload (RFC 3948 section 2.3).</summary>
    public const byte KeepaliveByte = 0xFF;

    /// <summary>An ESP header needs at least the SPI and the sequence number (RFC 4303 section 2).</summary>
    private const int MinimumEspLength = 8;

    public static UdpEncapsulatedDatagramKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length == 1 && datagram[0] == KeepaliveByte)
        {
            return UdpEncapsulatedDatagramKind.NatKeepalive;
        }

        if (datagram.Length < NonEspMarkerLength)
        {
            return UdpEncapsulatedDatagramKind.Invalid;
        }

        if (HasNonEspMarker(datagram))
        {
            return UdpEncapsulatedDatagramKind.Ike;
        }

        return datagram.Length >= MinimumEspLength ? UdpEncapsulatedDatagramKind.Esp : UdpEncapsulatedDatagramKind.Invalid;
    }

    /// <summary>The IKE message after the non-ESP marker; false when the datagram is not IKE.</summary>
    public static bool TryRemoveNonEspMarker(ReadOnlySpan<byte> datagram, out ReadOnlySpan<byte> ikeMessage)
    {
        if (datagram.Length < NonEspMarkerLength || !HasNonEspMarker(datagram))
        {
            ikeMessage = default;
            return false;
        }

        ikeMessage = datagram[NonEspMarkerLength..];
        return true;
    }

    /// <summary>Writes marker and message into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int AddNonEspMarker(ReadOnlySpan<byte> ikeMessage, Span<byte> destination)
    {
        var length = NonEspMarkerLength + ikeMessage.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"needs {length} bytes", nameof(destination));
        }

        destination[..NonEspMarkerLength].Clear();
        ikeMessage.CopyTo(destination[NonEspMarkerLength..]);
        return length;
    }

    public static byte[] AddNonEspMarker(ReadOnlySpan<byte> ikeMessage)
    {
        var datagram = new byte[NonEspMarkerLength + ikeMessage.Length];
        AddNonEspMarker(ikeMessage, datagram);
        return datagram;
    }

    private static bool HasNonEspMarker(ReadOnlySpan<byte> datagram) =>
        datagram[0] == 0 && datagram[1] == 0 && datagram[2] == 0 && datagram[3] == 0;
}
