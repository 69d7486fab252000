using System;
using Engine.Platform.Linux.Interop;

namespace Engine.Platform.Linux.Tun;

/// <summary>How <see cref="LinuxTunDevice"/> creates its interface.</summary>
public sealed record TunDeviceOptions
{
    /// <summary>Named after the project so that an administrator recognises it in <c>ip link</c>.</summary>
    public const string DefaultName = "ipsecpolicy0";

    /// <summary>
    /// 1500 on the wire minus the worst ESP overhead the engine negotiates (outer IPv6 40, UDP 8,
    /// ESP header 8, IV 16, padding and trailer up to 17, ICV 16 = 105, rounded to 1400, the value
    /// strongSwan's kernel-libipsec uses), so that secured packets are not fragmented.
    /// </summary>
    public const int DefaultMtu = 1400;

    /// <summary>IPv6 needs at least 1280; below that the kernel disables IPv6 on the interface.</summary>
    public const int MinimumMtu = 1280;

    /// <summary>Interface name, 1-15 characters.</summary>
    public string Name { get; init; } = DefaultName;

    /// <summary>Interface MTU, at least <see cref="MinimumMtu"/>.</summary>
    public int Mtu { get; init; } = DefaultMtu;

    /// <summary>
    /// Number of queues. Above 1 the device is created with IFF_MULTI_QUEUE and the kernel spreads
    /// flows over the queues by hash, one reader thread per queue, keeping each flow in order.
    /// </summary>
    public int QueueCount { get; init; } = 1;

    /// <summary>
    /// Exempts the device from IPv4 reverse-path filtering without weakening it on other
    /// interfaces (README.md, "Reverse-path filtering").
    /// Decrypted packets enter through the TUN device, which has no IPv4 address, with the peer's
    /// source address, which the main table routes through another interface: with rp_filter in
    /// strict or loose mode the kernel drops every one of them.
    /// </summary>
    public bool ExemptFromReversePathFilter { get; init; } = true;

    /// <summary>
    /// Opens the queues with IFF_VNET_HDR and turns on checksum and TCP segmentation offload
    /// (TUNSETOFFLOAD TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6): the host's TCP then hands the device
    /// super-packets of up to 64 KB, one read instead of dozens, which the device splits into
    /// MTU-sized segments for the caller (wireguard-go does the same). Reads and writes still
    /// carry bare IP packets.
    /// </summary>
    public bool Offload { get; init; } = true;

    internal void Validate()
    {
        InterfaceNames.Validate(Name, nameof(Name));
        ArgumentOutOfRangeException.ThrowIfLessThan(Mtu, MinimumMtu, nameof(Mtu));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Mtu, 65535, nameof(Mtu));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCount, 1, nameof(QueueCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(QueueCount, 256, nameof(QueueCount));
    }
}
