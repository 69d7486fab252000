using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Objects;

/// <summary>
/// Engine-wide settings with Windows' meanings and defaults (netsh ipsec dynamic set config and the
/// IPsec registry values). Sources for every range and default are in docs/policy-model.md.
/// </summary>
public sealed class Configuration
{
    public const int MinDefaultExemption = 0;
    public const int MaxDefaultExemption = 3;
    public const int DefaultDefaultExemption = 3;
    public const int MinStrongCrlCheck = 0;
    public const int MaxStrongCrlCheck = 2;
    public const int MinFallbackToClearSeconds = 1;
    public const int MaxFallbackToClearSeconds = 3600;
    public const int DefaultFallbackToClearSeconds = 3;
    public const int MinNegotiationFailureBlockSeconds = 0;
    public const int MaxNegotiationFailureBlockSeconds = 3600;
    public const int DefaultNegotiationFailureBlockSeconds = 60;
    public const int MinIdleSaSeconds = 300;
    public const int MaxIdleSaSeconds = 3600;
    public const int DefaultIdleSaSeconds = 300;

    /// <summary>
    /// ipsecexempt 0-3: 0 exempts multicast, broadcast, RSVP, Kerberos and IKE; 1 no longer exempts
    /// Kerberos and RSVP; 2 no longer exempts multicast and broadcast; 3 (Windows Server 2003's
    /// default) exempts only IKE.
    /// </summary>
    public int DefaultExemption { get; set; } = DefaultDefaultExemption;

    /// <summary>0 off, 1 fail if revoked, 2 fail on any CRL error.</summary>
    public int StrongCrlCheck { get; set; }

    /// <summary>Write the IKE trace (Oakley.log's spirit).</summary>
    public bool IkeLogging { get; set; }

    /// <summary>How long an unanswered IKE negotiation waits before a soft SA (fall back to clear).</summary>
    public int FallbackToClearSeconds { get; set; } = DefaultFallbackToClearSeconds;

    /// <summary>How long matching traffic is blocked after a failed negotiation; 0 = not blocked.</summary>
    public int NegotiationFailureBlockSeconds { get; set; } = DefaultNegotiationFailureBlockSeconds;

    /// <summary>An idle quick mode SA is removed after this long (Windows' SAIdleTime: 300-3600).</summary>
    public int IdleSaSeconds { get; set; } = DefaultIdleSaSeconds;

    public NatTraversalMode NatTraversal { get; set; } = NatTraversalMode.None;

    public Configuration Clone() => (Configuration)MemberwiseClone();

    /// <summary>Refuses values outside Windows' ranges (InvalidValue).</summary>
    public void Check()
    {
        Range(nameof(DefaultExemption), DefaultExemption, MinDefaultExemption, MaxDefaultExemption);
        Range(nameof(StrongCrlCheck), StrongCrlCheck, MinStrongCrlCheck, MaxStrongCrlCheck);
        Range(nameof(FallbackToClearSeconds), FallbackToClearSeconds, MinFallbackToClearSeconds, MaxFallbackToClearSeconds);
        Range(nameof(NegotiationFailureBlockSeconds), NegotiationFailureBlockSeconds, MinNegotiationFailureBlockSeconds, MaxNegotiationFailureBlockSeconds);
        Range(nameof(IdleSaSeconds), IdleSaSeconds, MinIdleSaSeconds, MaxIdleSaSeconds);
        if (!System.Enum.IsDefined(typeof(NatTraversalMode), NatTraversal))
        {
            throw new PolicyException(ErrorIds.InvalidValue, PolicyErrorCategory.InvalidArgument,
                $"{nameof(NatTraversal)} must be None, Server or Both; {(int)NatTraversal} is not.", NatTraversal);
        }
    }

    private static void Range(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new PolicyException(ErrorIds.InvalidValue, PolicyErrorCategory.InvalidArgument,
                $"{name} must be {min}-{max}; {value} is not.", value);
        }
    }
}
