using System;
using System.Net;
using System.Threading;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;
using Engine.Ike.Kernel;
using DataPlaneSelector = Engine.DataPlane.Spd.TrafficSelector;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Ipsec;

/// <summary>
/// Maps what IKE negotiated (<see cref="KernelSa"/>) onto what the userspace data plane installs
/// (<see cref="SaSpecification"/>). The two projects keep their own enums and selectors so that
/// neither depends on the other; this is the one place that knows both.
/// </summary>
public static class KernelSaTranslator
{
    private static readonly DataPlaneSelector?[] RecentSelectors = new DataPlaneSelector?[256];

    /// <summary>
    /// The data plane's specification for <paramref name="sa"/>. <paramref name="reqId"/> pairs
    /// the inbound and outbound halves of one child SA (the caller hands both the same value);
    /// <paramref name="idleTimeout"/> is IdleSaSeconds (zero: never idle); <paramref name="sink"/>
    /// takes an inbound SA's decrypted packets instead of the TUN device (the VPN gateway's L2TP).
    /// </summary>
    /// <remarks>
    /// Only byte limits are passed on: IKE keeps the time lifetimes on its own timers and rekeys
    /// from there, so a second clock in the data plane would only race it.
    /// </remarks>
    public static SaSpecification ToSpecification(KernelSa sa, int reqId, TimeSpan idleTimeout = default, Engine.DataPlane.Abstractions.IDecryptedPacketSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(sa);
        bool inbound = sa.Direction == Engine.Ike.Kernel.SaDirection.Inbound;
        return new SaSpecification
        {
            Spi = sa.Id.Spi,
            Direction = inbound ? Engine.DataPlane.Sa.SaDirection.Inbound : Engine.DataPlane.Sa.SaDirection.Outbound,
            Protocol = sa.Id.Protocol == Engine.Ike.Kernel.IpsecProtocol.Ah ? Engine.DataPlane.Sa.IpsecProtocol.Ah : Engine.DataPlane.Sa.IpsecProtocol.Esp,
            Mode = sa.Mode == Engine.Ike.Kernel.IpsecMode.Tunnel ? Engine.DataPlane.Sa.IpsecMode.Tunnel : Engine.DataPlane.Sa.IpsecMode.Transport,
            LocalAddress = inbound ? sa.Destination : sa.Source,
            PeerAddress = inbound ? sa.Source : sa.Destination,
            Encapsulation = sa.Encapsulation is null ? SaEncapsulation.None : SaEncapsulation.Udp,
            LocalPort = sa.Encapsulation is null ? 4500 : inbound ? sa.Encapsulation.DestinationPort : sa.Encapsulation.SourcePort,
            PeerPort = sa.Encapsulation is null ? 4500 : inbound ? sa.Encapsulation.SourcePort : sa.Encapsulation.DestinationPort,
            Cipher = sa.Cipher,
            Aead = sa.Aead,
            Integrity = sa.Integrity,
            EncryptionKey = sa.EncryptionKey,
            IntegrityKey = sa.IntegrityKey,
            SoftLifetime = new SaLifetime(TimeSpan.Zero, sa.SoftByteLimit),
            HardLifetime = new SaLifetime(TimeSpan.Zero, sa.HardByteLimit),
            ReplayWindowSize = sa.ReplayWindow,
            Selector = ToDataPlaneSelector(sa.LocalTrafficSelector, sa.RemoteTrafficSelector),
            ReqId = reqId,
            IdleTimeout = idleTimeout,
            Sink = sink,
        };
    }

    /// <summary>
    /// IKE's pair of traffic selectors (ours, the peer's) as one data plane selector. An equal one
    /// made recently is returned instead of a new one: a child SA's policy entry and its two SAs get
    /// the same selector at three moments (the entry and the inbound SA before quick mode 2, the
    /// outbound SA after quick mode 3, other peers' in between), and a VPN gateway holds them for
    /// every session (136 bytes each). Selectors are immutable records, so sharing is safe.
    /// </summary>
    public static DataPlaneSelector ToDataPlaneSelector(IkeSelector local, IkeSelector remote)
    {
        var made = new DataPlaneSelector
        {
            LocalAddresses = AddressRange.Range(local.First, local.Last),
            RemoteAddresses = AddressRange.Range(remote.First, remote.Last),
            Protocol = local.Protocol != 0 ? local.Protocol : remote.Protocol,
            LocalPorts = local.Port == 0 ? PortRange.Any : new PortRange(local.Port, local.Port),
            RemotePorts = remote.Port == 0 ? PortRange.Any : new PortRange(remote.Port, remote.Port),
        };

        // A direct-mapped cache (slot by hash, the newest wins), read and written without a lock:
        // a race only makes two equal selectors.
        ref var slot = ref RecentSelectors[(int)((uint)made.GetHashCode() * 2654435769u >> 24)];
        var recent = Volatile.Read(ref slot);
        if (recent is not null && recent.Equals(made))
        {
            return recent;
        }

        Volatile.Write(ref slot, made);
        return made;
    }
}
