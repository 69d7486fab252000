using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Kernel;
using Engine.Ike.Selectors;

namespace Engine.Ike;

/// <summary>
/// What the engine should negotiate: a child policy, the two IKE peers (in tunnel mode the remote
/// one is the tunnel endpoint) and the traffic selectors to send as IDci/IDcr.
/// <see cref="ForPacket"/> narrows a transport mode policy to the two hosts of a packet, as
/// Windows instantiates a specific filter from a generic one.
/// </summary>
public sealed record QuickModeRequest(ChildPolicy Policy, IPAddress LocalAddress, IPAddress RemoteAddress, TrafficSelector Local, TrafficSelector Remote)
{
    /// <summary>
    /// The request for a packet from <paramref name="source"/> to <paramref name="destination"/>
    /// that <paramref name="policy"/> says to secure: transport mode protects exactly these two
    /// hosts with the policy's protocol and ports; tunnel mode the policy's selectors between
    /// <paramref name="localAddress"/> (this host) and the tunnel endpoint.
    /// </summary>
    public static QuickModeRequest ForPacket(ChildPolicy policy, IPAddress localAddress, IPAddress source, IPAddress destination)
    {
        if (policy.Mode == IpsecMode.Tunnel)
        {
            return new QuickModeRequest(policy, localAddress, policy.TunnelPeer!, policy.Local, policy.Remote);
        }

        return new QuickModeRequest(
            policy,
            source,
            destination,
            TrafficSelector.ForHost(source, policy.Local.Protocol, policy.Local.Port),
            TrafficSelector.ForHost(destination, policy.Remote.Protocol, policy.Remote.Port));
    }
}
