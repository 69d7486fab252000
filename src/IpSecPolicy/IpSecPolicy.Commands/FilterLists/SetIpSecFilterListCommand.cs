using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.FilterLists;

/// <summary>
/// Changes a filter list's description or name (netsh ipsec static set filterlist). A new name
/// follows into every rule that uses the list.
/// </summary>
[Cmdlet(VerbsCommon.Set, "IpSecFilterList", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(FilterList))]
public sealed class SetIpSecFilterListCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(FilterListNameCompleter))]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public FilterList? InputObject { get; set; }

    [Parameter]
    public string? NewName { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var name = InputObject?.Name ?? Name;
        if (!ShouldProcess(name, "Set IPsec filter list"))
        {
            return;
        }

        Try(() =>
        {
            var changesDescription = MyInvocation.BoundParameters.ContainsKey(nameof(Description));
            var finalName = Store.Update(document =>
            {
                var list = document.GetFilterList(name);
                if (changesDescription)
                {
                    list.Description = Description;
                }

                if (NewName is not null)
                {
                    document.RenameFilterList(list, NewName);
                }

                list.LastModified = DateTimeOffset.UtcNow;
                return list.Name;
            });

            if (PassThru)
            {
                WriteObject(Store.Read().GetFilterList(finalName));
            }
        });
    }
}
