using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.FilterActions;

/// <summary>Lists filter actions (netsh ipsec static show filteraction).</summary>
[Cmdlet(VerbsCommon.Get, "IpSecFilterAction")]
[OutputType(typeof(FilterAction))]
public sealed class GetIpSecFilterActionCommand : IpSecCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(FilterActionNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var document = Store.Read();
            var (matches, missing) = NameFilter.Select(document.FilterActions, Name, a => a.Name);
            foreach (var name in missing)
            {
                WriteNotFound(ErrorIds.FilterActionNotFound, $"There is no filter action named '{name}'.", name);
            }

            WriteObject(matches, enumerateCollection: true);
        });
    }
}
