using System.Net.Sockets;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Tshark;

/// <summary>One packet of the capture: which transform, mode, family and encapsulation sealed it.</summary>
public sealed record CaptureCase(TestTransform Transform, IpsecMode Mode, AddressFamily Family, bool Udp, uint Spi)
{
    public string Name => $"{Transform.Name} {Mode} {(Family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} {(Udp ? "UDP" : "raw")}";

    public override string ToString() => Name;
}
