using System;

namespace Engine.Host.Vpn;

/// <summary>
/// Where the VPN gateway and client send packets: through a chosen conversation's IPsec SA (the
/// data plane's SendThrough) and into the host's IP stack (the TUN device). In-process tests
/// provide their own.
/// </summary>
internal interface IVpnPacketPort
{
    /// <summary>Seals the packet with <paramref name="reqId"/>'s current outbound SA; false when it has none.</summary>
    bool SendThrough(int reqId, ReadOnlySpan<byte> packet);

    /// <summary>Hands an IP packet to the host as if it had arrived on the TUN device.</summary>
    void DeliverToHost(ReadOnlySpan<byte> packet);
}
