using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.Policies;

/// <summary>Deletes a policy (netsh ipsec static delete policy); the assigned one only with -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "IpSecPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(Policy))]
public sealed class RemoveIpSecPolicyCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Policy[]? InputObject { get; set; }

    /// <summary>Also remove the assigned policy (it is unassigned first).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var names = InputObject is null ? Name : System.Array.ConvertAll(InputObject, p => p.Name);
        RemoveEach(names, "Remove IPsec policy", (document, name) => document.RemovePolicy(name, Force), PassThru);
    }
}
