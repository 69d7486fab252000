namespace Engine.Ike.Kernel;

public enum SaDirection
{
    /// <summary>The peer sends with it; we chose its SPI.</summary>
    Inbound,

    /// <summary>We send with it; the peer chose its SPI.</summary>
    Outbound,
}
