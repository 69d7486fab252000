using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engine.Platform.Linux.Commands;

namespace Engine.Platform.Linux.Nftables;

/// <summary>
/// Installs, replaces, inspects and removes table <c>inet ipsecpolicy</c> with the <c>nft</c>
/// command, in the process's namespace or in a named one (<c>ip netns exec</c>).
/// </summary>
/// <remarks>
/// The table outlives the engine by nature: nftables state belongs to the network namespace, not
/// to the process that loaded it, and <c>nft</c> itself exits as soon as the transaction commits.
/// The table is deliberately not created with <c>flags owner</c>, which would tie it to a netlink
/// socket and delete it when that socket closes. So a crashed engine leaves its rules enforcing
/// (packets marked for the TUN device are dropped, cleartext that must arrive secured is dropped)
/// until an engine replaces them or <see cref="Remove"/> deletes them on a deliberate stop.
/// </remarks>
public sealed class NftablesRulesetApplier
{
    private readonly string? _networkNamespace;
    private byte[]? _appliedDigest;

    /// <summary>An applier for namespace <paramref name="networkNamespace"/>, or for the process's own when null.</summary>
    public NftablesRulesetApplier(string? networkNamespace = null)
    {
        _networkNamespace = networkNamespace;
    }

    /// <summary>
    /// Replaces the table with one generated from <paramref name="ruleset"/>, atomically; or, when
    /// this applier's last table came from the same script and the table still exists, leaves it
    /// (and its counters) as it is.
    /// </summary>
    /// <remarks>
    /// The engine applies its ruleset at several steps of a start and on every change of its
    /// conversations, often with nothing changed; with a policy of 100,000 filters each
    /// replacement costs nft seconds. Only a digest of the script is kept, not the script.
    /// </remarks>
    /// <exception cref="ArgumentException">The ruleset is inconsistent.</exception>
    /// <exception cref="ExternalCommandException">nft rejected the script; the previous table is untouched.</exception>
    public void Apply(EnforcementRuleset ruleset)
    {
        string script = NftScriptWriter.Write(ruleset);
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(script));
        if (_appliedDigest is not null && digest.AsSpan().SequenceEqual(_appliedDigest) && IsInstalled())
        {
            return;
        }

        ApplyScript(script);
        _appliedDigest = digest;
    }

    /// <summary>Deletes the table if it exists. Only for a deliberate stop: the table is what makes a crash fail closed.</summary>
    public void Remove() => ApplyScript(NftScriptWriter.WriteRemoval());

    /// <summary>True when the table exists in the namespace.</summary>
    public bool IsInstalled() =>
        // A checked (never committed) addition to the table fails exactly when the table is missing.
        // Any nft list command would fetch every map element first: seconds with 100,000 filters.
        Nft(["-c", "add", "chain", "inet", NftScriptWriter.TableName, NftScriptWriter.FromTunOnlyChain], standardInput: null).Succeeded;

    /// <summary>The table as <c>nft -j list table inet ipsecpolicy</c> prints it (libnftables JSON).</summary>
    /// <exception cref="ExternalCommandException">The table does not exist.</exception>
    public string ListJson() => Checked(Nft(["-j", "list", "table", "inet", NftScriptWriter.TableName], standardInput: null)).StandardOutput;

    /// <summary>The counters of every counted rule in the table, in chain order.</summary>
    /// <exception cref="ExternalCommandException">The table does not exist.</exception>
    public IReadOnlyList<RuleCounter> ReadCounters()
    {
        var counters = new List<RuleCounter>();
        using JsonDocument document = JsonDocument.Parse(ListJson());
        foreach (JsonElement entry in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!entry.TryGetProperty("rule", out JsonElement rule) || !rule.TryGetProperty("expr", out JsonElement expressions))
            {
                continue;
            }

            foreach (JsonElement expression in expressions.EnumerateArray())
            {
                if (expression.TryGetProperty("counter", out JsonElement counter))
                {
                    string comment = rule.TryGetProperty("comment", out JsonElement text) ? text.GetString() ?? string.Empty : string.Empty;
                    counters.Add(new RuleCounter(
                        rule.GetProperty("chain").GetString() ?? string.Empty,
                        comment,
                        counter.GetProperty("packets").GetInt64(),
                        counter.GetProperty("bytes").GetInt64()));
                }
            }
        }

        return counters;
    }

    /// <summary>Feeds any script to <c>nft -f -</c>; one transaction, all or nothing.</summary>
    internal void ApplyScript(string script)
    {
        _appliedDigest = null;
        Checked(Nft(["-f", "-"], script));
    }

    private CommandResult Nft(IEnumerable<string> arguments, string? standardInput) =>
        Commands.IpCommand.Execute(_networkNamespace, "nft", arguments, standardInput);

    private static CommandResult Checked(CommandResult result) =>
        result.Succeeded ? result : throw new ExternalCommandException(result);
}
