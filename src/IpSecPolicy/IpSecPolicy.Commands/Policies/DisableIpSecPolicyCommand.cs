using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Commands.Engine;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Policies;

/// <summary>
/// Unassigns the assigned policy (netsh ipsec static set policy assign=no). With -Name, only if that
/// one is assigned. A running engine of this network namespace is told to re-read the store.
/// </summary>
[Cmdlet(VerbsLifecycle.Disable, "IpSecPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
[OutputType(typeof(Policy))]
public sealed class DisableIpSecPolicyCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Policy? InputObject { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var name = InputObject?.Name ?? Name;
        Try(() =>
        {
            var assigned = Store.Read().Assigned;
            if (assigned is null)
            {
                throw new PolicyException(ErrorIds.NoPolicyAssigned, PolicyErrorCategory.InvalidOperation, "No policy is assigned.", name);
            }

            if (name is not null && !StoreDocument.Same(name, assigned.Name))
            {
                throw new PolicyException(ErrorIds.NoPolicyAssigned, PolicyErrorCategory.InvalidOperation,
                    $"Policy '{name}' is not the assigned policy ('{assigned.Name}' is).", name);
            }

            if (!ShouldProcess(assigned.Name, "Unassign IPsec policy"))
            {
                return;
            }

            var policy = Store.Update(document => document.Unassign());
            EngineConnection.SyncAfterStoreChange(this, Store.Directory);
            if (PassThru)
            {
                WriteObject(Store.Read().GetPolicy(policy.Name));
            }
        });
    }
}
