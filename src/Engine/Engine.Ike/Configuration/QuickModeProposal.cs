namespace Engine.Ike.Configuration;

/// <summary>
/// One quick mode security method (netsh's "ESP[AES256,SHA256]:100000k/3600s"): ESP, AH, or both
/// together (one proposal number with two protocols), with lifetimes in seconds and kilobytes,
/// both of which go on the wire.
/// </summary>
public sealed record QuickModeProposal
{
    public QuickModeProposal(EspProposal? esp, AhProposal? ah, uint lifetimeSeconds, uint lifetimeKilobytes)
    {
        if (esp is null && ah is null)
        {
            throw new ArgumentException("A quick mode proposal needs ESP, AH or both.");
        }

        Esp = esp;
        Ah = ah;
        LifetimeSeconds = lifetimeSeconds;
        LifetimeKilobytes = lifetimeKilobytes;
    }

    public EspProposal? Esp { get; }

    public AhProposal? Ah { get; }

    public uint LifetimeSeconds { get; }

    public uint LifetimeKilobytes { get; }

    public override string ToString() =>
        string.Join("+", new object?[] { Ah, Esp }.Where(part => part is not null)) + $":{LifetimeKilobytes}k/{LifetimeSeconds}s";
}
