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
    internal const short Up = 0x0001;                   // IFF_UP
}
