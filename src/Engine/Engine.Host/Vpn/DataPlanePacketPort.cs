using System;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;

namespace Engine.Host.Vpn;

/// <summary><see cref="IVpnPacketPort"/> over the engine's data plane and TUN device.</summary>
internal sealed class DataPlanePacketPort(IpsecDataPlane dataPlane, ITunDevice tun) : IVpnPacketPort
{
    public bool SendThrough(int reqId, ReadOnlySpan<byte> packet) => dataPlane.SendThrough(reqId, packet);

    public void DeliverToHost(ReadOnlySpan<byte> packet) => tun.Write(packet);
}
