using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Commands.Engine;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.Policies;

/// <summary>
/// Assigns a policy (netsh ipsec static set policy assign=yes); the one assigned before is unassigned.
/// A running engine of this network namespace is told to re-read the store.
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "IpSecPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(Policy))]
public sealed class EnableIpSecPolicyCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Policy? InputObject { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var name = InputObject?.Name ?? Name;
        if (!ShouldProcess(name, "Assign IPsec policy"))
        {
            return;
        }

        Try(() =>
        {
            var previous = Store.Update(document => document.Assign(name));
            if (previous is not null)
            {
                WriteVerbose($"Policy '{previous.Name}' is no longer assigned.");
            }

            EngineConnection.SyncAfterStoreChange(this, Store.Directory);

            if (PassThru)
            {
                WriteObject(Store.Read().GetPolicy(name));
            }
        });
    }
}
