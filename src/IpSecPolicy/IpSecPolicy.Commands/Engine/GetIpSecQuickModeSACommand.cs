using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// The engine's quick mode SAs, like the IP Security Monitor's Quick Mode > Security Associations
/// or <c>netsh ipsec dynamic show qmsas</c>: peer, rule, traffic, algorithms, SPIs, lifetimes left,
/// bytes and packets each way, encapsulation. Never shows a key.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IpSecQuickModeSA")]
[OutputType(typeof(QuickModeSa))]
public sealed class GetIpSecQuickModeSACommand : EngineCmdlet
{
    /// <summary>Only these quick modes, by the number Get-IpSecQuickModeSA shows.</summary>
    [Parameter(Position = 0)]
    public ulong[]? Id { get; set; }

    /// <summary>Only SAs with these peers: an address, or a wildcard pattern.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("PeerAddress")]
    public string[]? Peer { get; set; }

    /// <summary>Only SAs negotiated for these rules (wildcards allowed); "Default Response" for the default response rule.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("Filter")]
    [ArgumentCompleter(typeof(RuleNameCompleter))]
    public string[]? Rule { get; set; }

    protected override void ProcessRecord()
    {
        var client = Control;
        List<QuickModeSa> sas;
        try
        {
            sas = client.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa) ?? new List<QuickModeSa>();
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        foreach (var sa in sas.Where(sa => (Id is null || Id.Length == 0 || Id.Contains(sa.Id))
            && SaFilter.MatchesPeer(sa.PeerAddress, Peer) && SaFilter.MatchesAny(sa.Rule, Rule)))
        {
            WriteObject(sa);
        }

        foreach (var id in (Id ?? new ulong[0]).Where(id => !sas.Any(sa => sa.Id == id)))
        {
            var text = id.ToString(CultureInfo.InvariantCulture);
            WriteNotFound(ErrorIds.QuickModeSaNotFound, $"There is no quick mode SA with id {text}.", text);
        }

        foreach (var peer in SaFilter.Unmatched(Peer, sas.Select(sa => sa.PeerAddress), SaFilter.IsPeer))
        {
            WriteNotFound(ErrorIds.QuickModeSaNotFound, $"There is no quick mode SA with peer {peer}.", peer);
        }

        foreach (var rule in SaFilter.Unmatched(Rule, sas.Select(sa => sa.Rule), SaFilter.IsId))
        {
            WriteNotFound(ErrorIds.QuickModeSaNotFound, $"There is no quick mode SA for rule '{rule}'.", rule);
        }
    }
}
