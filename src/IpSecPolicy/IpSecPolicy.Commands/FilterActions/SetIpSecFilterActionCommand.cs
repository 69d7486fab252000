using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.FilterActions;

/// <summary>
/// Changes a filter action (netsh ipsec static set filteraction). Only the given parameters change;
/// a new name follows into every rule that uses the action.
/// </summary>
[Cmdlet(VerbsCommon.Set, "IpSecFilterAction", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(FilterAction))]
public sealed class SetIpSecFilterActionCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(FilterActionNameCompleter))]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public FilterAction? InputObject { get; set; }

    [Parameter]
    public string? NewName { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    public FilterActionType Action { get; set; }

    /// <summary>Replaces the methods, in preference order: objects or netsh strings.</summary>
    [Parameter]
    [SecurityMethodTransformation]
    public SecurityMethod[]? SecurityMethod { get; set; }

    [Parameter]
    public SwitchParameter AllowUnsecuredInbound { get; set; }

    [Parameter]
    public SwitchParameter FallbackToClear { get; set; }

    [Parameter]
    public SwitchParameter SessionKeyPfs { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var name = InputObject?.Name ?? Name;
        if (!ShouldProcess(name, "Set IPsec filter action"))
        {
            return;
        }

        Try(() =>
        {
            var bound = MyInvocation.BoundParameters;
            var change = new FilterActionChange
            {
                NewName = NewName,
                Action = bound.ContainsKey(nameof(Action)) ? Action : null,
                SecurityMethods = SecurityMethod,
                AllowUnsecuredInbound = bound.ContainsKey(nameof(AllowUnsecuredInbound)) ? AllowUnsecuredInbound.IsPresent : null,
                FallbackToClear = bound.ContainsKey(nameof(FallbackToClear)) ? FallbackToClear.IsPresent : null,
                SessionKeyPfs = bound.ContainsKey(nameof(SessionKeyPfs)) ? SessionKeyPfs.IsPresent : null,
            };
            if (bound.ContainsKey(nameof(Description)))
            {
                change.Description = Description;
            }

            var action = Store.Update(document => document.ChangeFilterAction(name, change, DateTimeOffset.UtcNow));
            if (PassThru)
            {
                WriteObject(Store.Read().GetFilterAction(action.Name));
            }
        });
    }
}
