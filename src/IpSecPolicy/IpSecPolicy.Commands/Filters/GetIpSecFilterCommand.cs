using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Filters;

/// <summary>
/// Lists the filters of filter lists (netsh ipsec static show filterlist level=verbose), each with
/// the name of its list. Lists are chosen by name (wildcards; a rule's FilterList property binds
/// by name) or piped in as objects. Each way of choosing is its own parameter set, so other views
/// of the filters (the compiled, effective ones) can be added as sets of their own.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IpSecFilter", DefaultParameterSetName = ByFilterList)]
[OutputType(typeof(Filter))]
public sealed class GetIpSecFilterCommand : IpSecCmdlet
{
    private const string ByFilterList = "ByFilterList";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByFilterList)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(FilterListNameCompleter))]
    public string[]? FilterList { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public FilterList[]? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var document = Store.Read();
            var lists = ParameterSetName switch
            {
                ByInputObject => InputObject!.Select(l => document.GetFilterList(l.Name)).ToList(),
                _ => ListsNamed(document),
            };

            foreach (var list in lists)
            {
                WriteObject(list.Filters, enumerateCollection: true);
            }
        });
    }

    private List<FilterList> ListsNamed(StoreDocument document)
    {
        var (matches, missing) = NameFilter.Select(document.FilterLists, FilterList, l => l.Name);
        foreach (var name in missing)
        {
            WriteNotFound(ErrorIds.FilterListNotFound, $"There is no filter list named '{name}'.", name);
        }

        return matches;
    }
}
