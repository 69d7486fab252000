using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// The engine's main mode (ISAKMP) SAs, like the IP Security Monitor's Main Mode > Security
/// Associations or <c>netsh ipsec dynamic show mmsas</c>: peers, methods, lifetimes, NAT-T and
/// what the peer is. Never shows a key.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IpSecMainModeSA")]
[OutputType(typeof(MainModeSa))]
public sealed class GetIpSecMainModeSACommand : EngineCmdlet
{
    /// <summary>Only SAs whose cookie pair matches (wildcards allowed).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[]? Id { get; set; }

    /// <summary>Only SAs with these peers: an IPv4 or IPv6 address, or a wildcard pattern such as '10.0.0.*'.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("PeerAddress")]
    public string[]? Peer { get; set; }

    protected override void ProcessRecord()
    {
        var client = Control;
        List<MainModeSa> sas;
        try
        {
            sas = client.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa) ?? new List<MainModeSa>();
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        foreach (var sa in sas.Where(sa => SaFilter.MatchesAny(sa.Id, Id) && SaFilter.MatchesPeer(sa.PeerAddress, Peer)))
        {
            WriteObject(sa);
        }

        foreach (var id in SaFilter.Unmatched(Id, sas.Select(sa => sa.Id), SaFilter.IsId))
        {
            WriteNotFound(ErrorIds.MainModeSaNotFound, $"There is no main mode SA with id '{id}'.", id);
        }

        foreach (var peer in SaFilter.Unmatched(Peer, sas.Select(sa => sa.PeerAddress), SaFilter.IsPeer))
        {
            WriteNotFound(ErrorIds.MainModeSaNotFound, $"There is no main mode SA with peer {peer}.", peer);
        }
    }
}
