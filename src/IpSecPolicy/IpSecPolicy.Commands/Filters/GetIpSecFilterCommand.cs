using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Filters;

/// <summary>
/// Lists the filters of filter lists (netsh ipsec static show filterlist level=verbose), each with
/// the name of its list. Lists are chosen by name (wildcards; a rule's FilterList property binds
/// by name) or piped in as objects. With -Effective it shows a policy's compiled filters instead:
/// mirrored ones expanded, Me and names resolved, most specific first, as the engine enforces them.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IpSecFilter", DefaultParameterSetName = ByFilterList)]
[OutputType(typeof(Filter), ParameterSetName = new[] { ByFilterList, ByInputObject })]
[OutputType(typeof(EffectiveFilter), ParameterSetName = new[] { ByPolicy })]
public sealed class GetIpSecFilterCommand : IpSecCmdlet
{
    private const string ByFilterList = "ByFilterList";
    private const string ByInputObject = "ByInputObject";
    private const string ByPolicy = "Effective";

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByFilterList)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(FilterListNameCompleter))]
    public string[]? FilterList { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public FilterList[]? InputObject { get; set; }

    /// <summary>Show the compiled filters of a policy, as the engine enforces them, instead of the stored ones.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByPolicy)]
    public SwitchParameter Effective { get; set; }

    /// <summary>The policy to compile (default: the assigned one).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByPolicy)]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    [PolicyNameTransformation]
    public string? Policy { get; set; }

    /// <summary>The host facts to compile against instead of the running system's.</summary>
    [Parameter(ParameterSetName = ByPolicy)]
    public HostContext? HostContext { get; set; }

    /// <summary>Compile for one interface only (its addresses are what Me stands for).</summary>
    [Parameter(ParameterSetName = ByPolicy)]
    public string? InterfaceAlias { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var document = Store.Read();
            if (ParameterSetName == ByPolicy)
            {
                WriteEffectiveFilters(document);
                return;
            }

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

    private void WriteEffectiveFilters(StoreDocument document)
    {
        var policy = Policy is null
            ? document.Assigned ?? throw new PolicyException(ErrorIds.NoPolicyAssigned, PolicyErrorCategory.InvalidOperation,
                "No policy is assigned; name one with -Policy.", null)
            : document.GetPolicy(Policy);
        var compiled = PolicyCompiler.Compile(document, policy, HostContextResolver.Resolve(this, HostContext, InterfaceAlias));
        foreach (var diagnostic in compiled.Diagnostics)
        {
            WriteWarning($"{diagnostic.Code}: {diagnostic.Message}");
        }

        WriteObject(compiled.Filters, enumerateCollection: true);
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
