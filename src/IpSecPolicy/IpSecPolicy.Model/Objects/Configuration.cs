using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Objects;

/// <summary>Engine-wide settings with Windows' meanings and defaults (netsh ipsec dynamic set config).</summary>
public sealed class Configuration
{
    /// <summary>ipsecexempt 0-3; 3 (only IKE exempt) is the Windows Server 2003 default.</summary>
    public int DefaultExemption { get; set; } = 3;

    /// <summary>0 off, 1 fail if revoked, 2 fail on any CRL error.</summary>
    public int StrongCrlCheck { get; set; }

    /// <summary>Write the IKE trace (Oakley.log's spirit).</summary>
    public bool IkeLogging { get; set; }

    /// <summary>How long an unanswered IKE negotiation waits before a soft SA (fall back to clear).</summary>
    public int FallbackToClearSeconds { get; set; } = 3;

    /// <summary>How long matching traffic is blocked after a failed negotiation.</summary>
    public int NegotiationFailureBlockSeconds { get; set; } = 60;

    /// <summary>An idle quick mode SA is removed after this long (Windows: 300-3600).</summary>
    public int IdleSaSeconds { get; set; } = 300;

    public NatTraversalMode NatTraversal { get; set; } = NatTraversalMode.None;

    public Configuration Clone() => (Configuration)MemberwiseClone();

    /// <summary>Refuses values outside Windows' ranges.</summary>
    public void Check()
    {
        Range(nameof(DefaultExemption), DefaultExemption, 0, 3);
        Range(nameof(StrongCrlCheck), StrongCrlCheck, 0, 2);
        Range(nameof(FallbackToClearSeconds), FallbackToClearSeconds, 1, 3600);
        Range(nameof(NegotiationFailureBlockSeconds), NegotiationFailureBlockSeconds, 0, 3600);
        Range(nameof(IdleSaSeconds), IdleSaSeconds, 300, 3600);
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
