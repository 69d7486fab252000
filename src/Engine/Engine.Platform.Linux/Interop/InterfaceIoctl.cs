namespace Engine.Platform.Linux.Interop;

/// <summary>ioctl request numbers and interface flags from &lt;linux/if_tun.h&gt; and &lt;linux/sockios.h&gt;.</summary>
internal static class InterfaceIoctl
{
    internal const nuint TunSetInterface = 0x400454ca;  // TUNSETIFF = _IOW('T', 202, int)
    internal const nuint GetFlags = 0x8913;             // SIOCGIFFLAGS
    internal const nuint SetFlags = 0x8914;             // SIOCSIFFLAGS
    internal const nuint SetMtu = 0x8922;               // SIOCSIFMTU

    internal const short TunMode = 0x0001;              // IFF_TUN: layer 3, no Ethernet header
    internal const short NoPacketInformation = 0x1000;  // IFF_NO_PI: no 4-byte flags/protocol prefix
    internal const short MultiQueue = 0x0100;           // IFF_MULTI_QUEUE: one descriptor per queue
    internal const short VirtioNetHeaderFlag = 0x4000;     // IFF_VNET_HDR: a virtio_net_hdr before every packet
    internal const nuint TunSetOffload = 0x400454d0;    // TUNSETOFFLOAD = _IOW('T', 208, unsigned int)
    internal const uint OffloadChecksum = 0x01;         // TUN_F_CSUM: packets may come with a partial checksum
    internal const uint OffloadTso4 = 0x02;             // TUN_F_TSO4: TCP over IPv4 super-packets
    internal const uint OffloadTso6 = 0x04;             // TUN_F_TSO6: TCP over IPv6 super-packets
    internal const short Up = 0x0001;                   // IFF_UP
}
