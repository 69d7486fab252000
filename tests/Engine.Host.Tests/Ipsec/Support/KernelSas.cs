using System.Net;
using Engine.Crypto.Aead;
using Engine.Ike.Kernel;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>SAs as IKE hands them to the kernel interface, for the kernel adapter and policy table tests.</summary>
internal static class KernelSas
{
    /// <summary>
    /// One direction of a quick mode between <paramref name="local"/> and <paramref name="peer"/>
    /// (outer addresses), protecting the given selectors (the two hosts when none are given),
    /// with AES-GCM-16 and a key of zeros.
    /// </summary>
    public static KernelSa Sa(SaDirection direction, string local, string peer, ulong childSaId, uint spi,
        IpsecMode mode = IpsecMode.Transport, IkeSelector? localTraffic = null, IkeSelector? remoteTraffic = null,
        UdpEncapsulation? encapsulation = null)
    {
        var localAddress = IPAddress.Parse(local);
        var peerAddress = IPAddress.Parse(peer);
        bool inbound = direction == SaDirection.Inbound;
        return new KernelSa
        {
            Id = new KernelSaId(inbound ? localAddress : peerAddress, IpsecProtocol.Esp, spi),
            Direction = direction,
            Source = inbound ? peerAddress : localAddress,
            Mode = mode,
            Encapsulation = encapsulation,
            Aead = AeadAlgorithms.AesGcm16Key128,
            EncryptionKey = new byte[AeadAlgorithms.AesGcm16Key128.KeyMaterialSize],
            LocalTrafficSelector = localTraffic ?? IkeSelector.ForHost(localAddress),
            RemoteTrafficSelector = remoteTraffic ?? IkeSelector.ForHost(peerAddress),
            ChildSaId = childSaId,
        };
    }

    /// <summary>Both directions of one quick mode: inbound SPI <paramref name="spi"/>, outbound <paramref name="spi"/> + 1.</summary>
    public static (KernelSa Inbound, KernelSa Outbound) Pair(string local, string peer, ulong childSaId, uint spi,
        IpsecMode mode = IpsecMode.Transport, IkeSelector? localTraffic = null, IkeSelector? remoteTraffic = null) =>
        (Sa(SaDirection.Inbound, local, peer, childSaId, spi, mode, localTraffic, remoteTraffic),
         Sa(SaDirection.Outbound, local, peer, childSaId, spi + 1, mode, localTraffic, remoteTraffic));
}
