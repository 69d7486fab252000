using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.FilterLists;

/// <summary>Deletes filter lists (netsh ipsec static delete filterlist); a list a rule still uses is refused.</summary>
[Cmdlet(VerbsCommon.Remove, "IpSecFilterList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(FilterList))]
public sealed class RemoveIpSecFilterListCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(FilterListNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public FilterList[]? InputObject { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var names = InputObject is null ? Name : Array.ConvertAll(InputObject, l => l.Name);
        RemoveEach(names, "Remove IPsec filter list", (document, name) => document.RemoveFilterList(name), PassThru);
    }
}
