using System.Net.Sockets;

namespace Engine.DataPlane.Ah;

/// <summary>
/// The Authentication Header (RFC 4302 section 2): Next Header (1), Payload Length (1, the header's
/// length in 32-bit words minus 2), Reserved (2), SPI (4), Sequence Number (4), then the ICV,
/// padded so the header is a multiple of 4 bytes over IPv4 and of 8 bytes over IPv6 (section 2.6).
/// </summary>
internal static class AhLayout
{
    /// <summary>Everything before the ICV.</summary>
    public const int FixedSize = 12;

    /// <summary>The header's length with an ICV of <paramref name="icvSize"/> bytes over <paramref name="family"/>.</summary>
    public static int Length(int icvSize, AddressFamily family)
    {
        var unpadded = FixedSize + icvSize;
        var alignment = family == AddressFamily.InterNetwork ? 4 : 8;
        return (unpadded + alignment - 1) / alignment * alignment;
    }
}
