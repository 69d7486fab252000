using System.Globalization;
using System.Net;

namespace Engine.Ike.Kernel;

/// <summary>
/// What names an SA in an SAD (RFC 4301 section 4.1): the SPI, which the receiver chose, with the
/// protocol and the outer destination address.
/// </summary>
public readonly record struct KernelSaId(IPAddress Destination, IpsecProtocol Protocol, uint Spi)
{
    public override string ToString() =>
        $"{Protocol} SPI 0x{Spi.ToString("x8", CultureInfo.InvariantCulture)} to {Destination}";
}
