using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Operations;

/// <summary>What a Set-IpSecConfiguration call changes; each property left null keeps the stored value.</summary>
public sealed class ConfigurationChange
{
    public int? DefaultExemption { get; set; }

    public int? StrongCrlCheck { get; set; }

    public bool? IkeLogging { get; set; }

    public int? FallbackToClearSeconds { get; set; }

    public int? NegotiationFailureBlockSeconds { get; set; }

    public int? IdleSaSeconds { get; set; }

    public NatTraversalMode? NatTraversal { get; set; }
}
