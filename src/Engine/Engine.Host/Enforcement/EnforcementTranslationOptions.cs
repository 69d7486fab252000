using Engine.Platform.Linux.Routing;
using IpSecPolicy.Model.Objects;

namespace Engine.Host.Enforcement;

/// <summary>The engine's settings that shape the enforcement ruleset beyond the policy's own filters.</summary>
public sealed record EnforcementTranslationOptions
{
    /// <summary>The engine's TUN device, which secured traffic leaves into and decrypted traffic comes out of.</summary>
    public required string TunInterfaceName { get; init; }

    /// <summary>
    /// The Windows "default exemptions" setting (ipsecexempt), 0 to 3: 0 exempts broadcast, multicast,
    /// RSVP and Kerberos; 1 only broadcast and multicast; 2 only RSVP and Kerberos; 3 nothing but IKE.
    /// IKE itself is exempt at every level.
    /// </summary>
    public int DefaultExemption { get; init; } = Configuration.DefaultDefaultExemption;

    /// <summary>The marks shared with the policy router and the engine's sockets.</summary>
    public PolicyRoutingOptions Routing { get; init; } = PolicyRoutingOptions.Default;
}
