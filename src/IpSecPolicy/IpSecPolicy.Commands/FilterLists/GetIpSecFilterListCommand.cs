using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.FilterLists;

/// <summary>Lists filter lists (netsh ipsec static show filterlist).</summary>
[Cmdlet(VerbsCommon.Get, "IpSecFilterList")]
[OutputType(typeof(FilterList))]
public sealed class GetIpSecFilterListCommand : IpSecCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(FilterListNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var document = Store.Read();
            var (matches, missing) = NameFilter.Select(document.FilterLists, Name, l => l.Name);
            foreach (var name in missing)
            {
                WriteNotFound(ErrorIds.FilterListNotFound, $"There is no filter list named '{name}'.", name);
            }

            WriteObject(matches, enumerateCollection: true);
        });
    }
}
