using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.Filters;

/// <summary>
/// Lists the filters of filter lists (netsh ipsec static show filterlist level=verbose), each with
/// the name of its list. Lists are chosen by name (wildcards; a rule's FilterList property binds
/// by name) or piped in as objects.
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
            IEnumerable<FilterList> lists;
            if (InputObject is not null)
            {
                lists = InputObject.Select(l => document.GetFilterList(l.Name));
            }
            else
            {
                var (matches, missing) = NameFilter.Select(document.FilterLists, FilterList, l => l.Name);
                foreach (var name in missing)
                {
                    WriteNotFound(ErrorIds.FilterListNotFound, $"There is no filter list named '{name}'.", name);
                }

                lists = matches;
            }

            foreach (var list in lists)
            {
                WriteObject(list.Filters, enumerateCollection: true);
            }
        });
    }
}
