namespace Engine.Ike.Configuration;

/// <summary>
/// The policy's main mode settings: methods in preference order, SA lifetime, how many quick
/// modes one main mode may key (0 = no limit), and master key PFS, which allows exactly one.
/// </summary>
public sealed class MainModePolicy
{
    public required IReadOnlyList<MainModeProposal> Proposals { get; init; }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(480);

    public int QuickModeLimit { get; init; }

    public bool MasterKeyPfs { get; init; }

    /// <summary>Master key PFS means one quick mode per main mode, whatever the limit says.</summary>
    public int EffectiveQuickModeLimit => MasterKeyPfs ? 1 : QuickModeLimit;
}
