using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Sad;

/// <summary>
/// What identifies an inbound SA (RFC 4301 section 4.1): the SPI we chose and the protocol. The
/// destination is checked after the lookup, since we allocate SPIs unique per host.
/// </summary>
internal readonly record struct InboundSaKey(uint Spi, IpsecProtocol Protocol);
