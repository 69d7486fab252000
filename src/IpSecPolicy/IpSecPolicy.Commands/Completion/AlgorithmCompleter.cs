using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace IpSecPolicy.Commands.Completion;

/// <summary>Tab completion from a fixed list of algorithm names in netsh's spelling, with a tooltip each.</summary>
public abstract class AlgorithmCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Choices
            .Where(c => c.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c.Name, c.Name, CompletionResultType.ParameterValue, c.Tooltip));
    }

    protected abstract IReadOnlyList<(string Name, string Tooltip)> Choices { get; }
}

/// <summary>Quick mode (ESP) ciphers, 3DES spelled as netsh spells it.</summary>
public sealed class EncryptionAlgorithmCompleter : AlgorithmCompleter
{
    private static readonly (string, string)[] All =
    {
        ("None", "No encryption (integrity only)"),
        ("DES", "DES-CBC (weak; for old peers only)"),
        ("3DES", "3DES-CBC"),
        ("AES128", "AES-CBC, 128-bit key"),
        ("AES192", "AES-CBC, 192-bit key"),
        ("AES256", "AES-CBC, 256-bit key"),
        ("AESGCM128", "AES-GCM, 128-bit key (authenticates; Integrity None)"),
        ("AESGCM256", "AES-GCM, 256-bit key (authenticates; Integrity None)"),
    };

    protected override IReadOnlyList<(string Name, string Tooltip)> Choices => All;
}

/// <summary>Main mode (IKE) ciphers: no None and no GCM.</summary>
public sealed class MainModeEncryptionCompleter : AlgorithmCompleter
{
    private static readonly (string, string)[] All =
    {
        ("DES", "DES-CBC (weak; for old peers only)"),
        ("3DES", "3DES-CBC"),
        ("AES128", "AES-CBC, 128-bit key"),
        ("AES192", "AES-CBC, 192-bit key"),
        ("AES256", "AES-CBC, 256-bit key"),
    };

    protected override IReadOnlyList<(string Name, string Tooltip)> Choices => All;
}

/// <summary>Diffie-Hellman groups by number, as netsh writes them in "AES256-SHA256-14".</summary>
public sealed class DHGroupCompleter : AlgorithmCompleter
{
    private static readonly (string, string)[] All =
    {
        ("1", "Group 1: 768-bit MODP (weak)"),
        ("2", "Group 2: 1024-bit MODP (weak)"),
        ("5", "Group 5: 1536-bit MODP"),
        ("14", "Group 14: 2048-bit MODP"),
        ("15", "Group 15: 3072-bit MODP"),
        ("16", "Group 16: 4096-bit MODP"),
        ("19", "Group 19: 256-bit random ECP (P-256)"),
        ("20", "Group 20: 384-bit random ECP (P-384)"),
        ("21", "Group 21: 521-bit random ECP (P-521)"),
        ("31", "Group 31: Curve25519"),
    };

    protected override IReadOnlyList<(string Name, string Tooltip)> Choices => All;
}
