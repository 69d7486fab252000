namespace IpSecPolicy.Model.Validation;

/// <summary>
/// The codes of the findings the compiler and the advisor report besides PolicyValidator's errors
/// (whose codes are error ids). Stable: scripts match on them; add new ones, never rename.
/// docs/policy-compiler.md gives each code's severity and meaning.
/// </summary>
public static class DiagnosticCodes
{
    // Compiler: what could not be turned into effective filters on this host.
    public const string UnresolvedDnsName = "UnresolvedDnsName";
    public const string UnresolvedServerToken = "UnresolvedServerToken";
    public const string NoHostAddress = "NoHostAddress";
    public const string NoAddressPair = "NoAddressPair";
    public const string RuleSkipped = "RuleSkipped";

    // Advisor: what works, but not the way an administrator likely meant.
    public const string ConflictingAuthMethods = "ConflictingAuthMethods";
    public const string ShadowedFilter = "ShadowedFilter";
    public const string KerberosNotEnforceable = "KerberosNotEnforceable";
    public const string WeakMainModeMethod = "WeakMainModeMethod";
    public const string WeakQuickModeMethod = "WeakQuickModeMethod";
    public const string WeakDefaultResponseMethod = "WeakDefaultResponseMethod";
    public const string PreSharedKeyAuth = "PreSharedKeyAuth";
    public const string FallbackToClear = "FallbackToClear";
    public const string InboundPassthroughFromAny = "InboundPassthroughFromAny";
    public const string EmptyFilterList = "EmptyFilterList";
    public const string InactiveRule = "InactiveRule";
    public const string NoActiveRules = "NoActiveRules";
    public const string MirroredTunnelFilter = "MirroredTunnelFilter";
}
