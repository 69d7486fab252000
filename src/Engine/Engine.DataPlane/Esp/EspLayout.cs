using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Esp;

/// <summary>
/// ESP's packet layout (RFC 4303 section 2): SPI (4), Sequence Number (4), then the IV, the
/// encrypted payload and trailer, and the ICV. Sizes per SA transform.
/// </summary>
internal static class EspLayout
{
    /// <summary>SPI and sequence number.</summary>
    public const int HeaderSize = 8;

    /// <summary>Bytes before the payload: header and IV.</summary>
    public static int HeadLength(SaTransform transform) => HeaderSize + transform.IvSize;

    /// <summary>The most bytes sealing adds after the payload: padding, pad length, next header, ICV.</summary>
    public static int MaximumTailLength(SaTransform transform) => transform.Alignment - 1 + EspTrailer.FixedSize + transform.IcvSize;

    /// <summary>The shortest packet that can be valid: header, IV, an aligned trailer, ICV.</summary>
    public static int MinimumLength(SaTransform transform) =>
        HeadLength(transform) + System.Math.Max(EspTrailer.FixedSize, transform.CipherBlockSize) + transform.IcvSize;
}
