using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Operations;

/// <summary>Changes to the engine-wide settings, applied to a document inside PolicyStore.Update.</summary>
public static class ConfigurationOperations
{
    /// <summary>Applies the change as a whole: if any value is out of range, nothing changes.</summary>
    public static Configuration ChangeConfiguration(this StoreDocument document, ConfigurationChange change)
    {
        var current = document.Configuration;
        var updated = current.Clone();
        updated.DefaultExemption = change.DefaultExemption ?? current.DefaultExemption;
        updated.StrongCrlCheck = change.StrongCrlCheck ?? current.StrongCrlCheck;
        updated.IkeLogging = change.IkeLogging ?? current.IkeLogging;
        updated.FallbackToClearSeconds = change.FallbackToClearSeconds ?? current.FallbackToClearSeconds;
        updated.NegotiationFailureBlockSeconds = change.NegotiationFailureBlockSeconds ?? current.NegotiationFailureBlockSeconds;
        updated.IdleSaSeconds = change.IdleSaSeconds ?? current.IdleSaSeconds;
        updated.NatTraversal = change.NatTraversal ?? current.NatTraversal;
        updated.Check();
        document.Configuration = updated;
        return updated;
    }
}
