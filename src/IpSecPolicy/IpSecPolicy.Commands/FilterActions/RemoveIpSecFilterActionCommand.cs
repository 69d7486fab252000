using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.FilterActions;

/// <summary>Deletes filter actions (netsh ipsec static delete filteraction); an action a rule still uses is refused.</summary>
[Cmdlet(VerbsCommon.Remove, "IpSecFilterAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(FilterAction))]
public sealed class RemoveIpSecFilterActionCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(FilterActionNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public FilterAction[]? InputObject { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var names = InputObject is null ? Name : Array.ConvertAll(InputObject, a => a.Name);
        RemoveEach(names, "Remove IPsec filter action", (document, name) => document.RemoveFilterAction(name), PassThru);
    }
}
