using System;
using System.Globalization;

namespace Engine.Platform.Linux.Routing;

/// <summary>
/// The firewall marks, routing table and rule priority that steer secured traffic into the TUN
/// device. The defaults were chosen not to collide with software commonly found beside an IPsec
/// engine; change them here (the nft ruleset, the ip rules and the engine's sockets all read them)
/// if a host already uses these values.
/// </summary>
/// <remarks>
/// Marks live in their own 4-bit field, 0x0F000000, and every rule matches and sets them through
/// that mask, so other bits of a packet's mark are left to others. Known users avoided: kube-proxy
/// (0x4000, 0x8000), Cilium (0x0F00 field), Tailscale (0xFF0000 field), wg-quick (0xCA6C whole
/// mark), Istio (0x539), Docker/firewalld (none). Calico's default mask 0xFFFF0000 does overlap:
/// there, move the field (for instance to 0x0000F000 with marks 0x1000 and 0x2000).
/// Table and priority 18768 (0x4950, "IP") sit clear of strongSwan (table and priority 220),
/// Tailscale (table 52, priorities 5210-5270) and wg-quick (table 51820, priorities 32764-32765),
/// and before the main table's rule (32766) so that marked packets never reach it.
/// </remarks>
public sealed record PolicyRoutingOptions
{
    /// <summary>The defaults described above.</summary>
    public static PolicyRoutingOptions Default { get; } = new();

    /// <summary>The bits of the packet mark this engine owns.</summary>
    public uint MarkMask { get; init; } = 0x0F000000;

    /// <summary>Set by nftables on packets that policy says to secure; routes them into the TUN device.</summary>
    public uint SecureMark { get; init; } = 0x01000000;

    /// <summary>Set with SO_MARK on the engine's own IKE/ESP sockets; exempts them from enforcement and from the TUN route.</summary>
    public uint BypassMark { get; init; } = 0x02000000;

    /// <summary>The routing table holding the route into the TUN device and the fail-closed blackhole.</summary>
    public uint RouteTable { get; init; } = 18768;

    /// <summary>Priority of the <c>ip rule</c> that sends secure-marked packets to <see cref="RouteTable"/>.</summary>
    public int RulePriority { get; init; } = 18768;

    /// <summary>"mark/mask" as <c>ip rule</c> writes it.</summary>
    internal string SecureMarkSelector => string.Create(CultureInfo.InvariantCulture, $"0x{SecureMark:x}/0x{MarkMask:x}");

    internal void Validate()
    {
        if (MarkMask == 0)
        {
            throw new ArgumentException("The mark mask must have at least one bit.", nameof(MarkMask));
        }

        ValidateMark(SecureMark, nameof(SecureMark));
        ValidateMark(BypassMark, nameof(BypassMark));
        if (SecureMark == BypassMark)
        {
            throw new ArgumentException("The secure and bypass marks must differ.", nameof(BypassMark));
        }

        // 0 is unspecified; 253, 254 and 255 are the kernel's default, main and local tables.
        if (RouteTable is 0 or 253 or 254 or 255)
        {
            throw new ArgumentException($"Routing table {RouteTable} is reserved.", nameof(RouteTable));
        }

        // 0 is the local table's rule; 32766 and 32767 are main and default.
        ArgumentOutOfRangeException.ThrowIfLessThan(RulePriority, 1, nameof(RulePriority));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RulePriority, 32765, nameof(RulePriority));
    }

    private void ValidateMark(uint mark, string name)
    {
        if (mark == 0 || (mark & ~MarkMask) != 0)
        {
            throw new ArgumentException($"Mark 0x{mark:x} must be non-zero and inside the mask 0x{MarkMask:x}.", name);
        }
    }
}
