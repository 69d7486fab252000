using System;

namespace IpSecPolicy.Model.Values;

/// <summary>
/// A secret (a pre-shared key) that never shows itself: <see cref="ToString"/> is a mask, it is left
/// out of policy documents, and only the store (which keeps it apart, mode 0600) and the engine
/// read its value. A secret loaded from the store carries no value, only the fact that one is set.
/// </summary>
public sealed class Secret
{
    public const string Mask = "********";

    private readonly string? value;

    public Secret(string value)
    {
        this.value = value ?? throw new ArgumentNullException(nameof(value));
    }

    private Secret()
    {
    }

    /// <summary>The marker for "a value is kept in the store's secret file".</summary>
    public static Secret Stored { get; } = new();

    /// <summary>True when this object holds the value itself (not yet written to the store).</summary>
    public bool HasValue => value is not null;

    public override string ToString() => Mask;

    /// <summary>The value. Internal on purpose: only the store moves it, never display code.</summary>
    internal string Reveal() => value ?? throw new InvalidOperationException("This secret is kept in the store; read it from there.");
}
