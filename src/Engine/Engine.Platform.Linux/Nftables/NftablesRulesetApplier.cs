using System;
using System.Collections.Generic;
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

    /// <summary>An applier for namespace <paramref name="networkNamespace"/>, or for the process's own when null.</summary>
    public NftablesRulesetApplier(string? networkNamespace = null)
    {
        _networkNamespace = networkNamespace;
    }

    /// <summary>Replaces the table with one generated from <paramref name="ruleset"/>, atomically.</summary>
    /// <exception cref="ArgumentException">The ruleset is inconsistent.</exception>
    /// <exception cref="ExternalCommandException">nft rejected the script; the previous table is untouched.</exception>
    public void Apply(EnforcementRuleset ruleset) => ApplyScript(NftScriptWriter.Write(ruleset));

    /// <summary>Deletes the table if it exists. Only for a deliberate stop: the table is what makes a crash fail closed.</summary>
    public void Remove() => ApplyScript(NftScriptWriter.WriteRemoval());

    /// <summary>True when the table exists in the namespace.</summary>
    public bool IsInstalled() =>
        Nft(["list", "table", "inet", NftScriptWriter.TableName], standardInput: null).Succeeded;

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
    internal void ApplyScript(string script) => Checked(Nft(["-f", "-"], script));

    private CommandResult Nft(IEnumerable<string> arguments, string? standardInput) =>
        Commands.IpCommand.Execute(_networkNamespace, "nft", arguments, standardInput);

    private static CommandResult Checked(CommandResult result) =>
        result.Succeeded ? result : throw new ExternalCommandException(result);
}
