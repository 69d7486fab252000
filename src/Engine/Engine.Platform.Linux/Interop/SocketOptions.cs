namespace Engine.Platform.Linux.Interop;

/// <summary>SOL_SOCKET options and message flags that System.Net.Sockets has no name for.</summary>
internal static class SocketOptions
{
    internal const int InterNetwork = 2;         // AF_INET
    internal const int InterNetworkV6 = 10;      // AF_INET6
    internal const int RawType = 3;              // SOCK_RAW
    internal const int CloseOnExecType = 0x80000; // SOCK_CLOEXEC

    internal const int SocketLevel = 1;          // SOL_SOCKET
    internal const int SendBufferForce = 32;     // SO_SNDBUFFORCE: ignores wmem_max, needs CAP_NET_ADMIN
    internal const int ReceiveBufferForce = 33;  // SO_RCVBUFFORCE: ignores rmem_max, needs CAP_NET_ADMIN
    internal const int Mark = 36;                // SO_MARK: fwmark on every packet sent, needs CAP_NET_ADMIN

    internal const int TruncatedLength = 0x20;   // MSG_TRUNC: recvfrom returns the datagram's real length
    internal const int WaitForOne = 0x10000;     // MSG_WAITFORONE: recvmmsg blocks for the first datagram only
    internal const int AddressStorageSize = 32;  // room for a sockaddr_in6 (28 bytes), 8-aligned

    internal const int IpLevel = 0;              // SOL_IP
    internal const int IpMtuDiscover = 10;       // IP_MTU_DISCOVER
    internal const int IpPmtuDiscoverProbe = 3;  // IP_PMTUDISC_PROBE: size against the device MTU, ignore the learned path MTU
    internal const int Ipv6Level = 41;           // SOL_IPV6
    internal const int Ipv6MtuDiscover = 23;     // IPV6_MTU_DISCOVER
    internal const int Ipv6PmtuDiscoverProbe = 3; // IPV6_PMTUDISC_PROBE
}
