using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Policies;

/// <summary>Changes a policy's settings or name (netsh ipsec static set policy). Only the given parameters change.</summary>
[Cmdlet(VerbsCommon.Set, "IpSecPolicy", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Policy))]
public sealed class SetIpSecPolicyCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Policy? InputObject { get; set; }

    [Parameter]
    public string? NewName { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    [MainModeMethodTransformation]
    public MainModeMethod[]? MainModeSecurityMethod { get; set; }

    [Parameter]
    [ValidateRange(1, PolicyOperations.MaxMainModeLifetimeMinutes)]
    public int MainModeLifetimeMinutes { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MainModeQuickModeLimit { get; set; }

    [Parameter]
    public SwitchParameter MainModePfs { get; set; }

    [Parameter]
    [ValidateRange(0, PolicyOperations.MaxPollingIntervalMinutes)]
    public int PollingIntervalMinutes { get; set; }

    [Parameter]
    public bool ActivateDefaultResponseRule { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var name = InputObject?.Name ?? Name;
        if (!ShouldProcess(name, "Set IPsec policy"))
        {
            return;
        }

        Try(() =>
        {
            var bound = MyInvocation.BoundParameters;
            var finalName = Store.Update(document =>
            {
                var policy = document.GetPolicy(name);
                if (bound.ContainsKey(nameof(Description)))
                {
                    policy.Description = Description;
                }

                if (MainModeSecurityMethod is not null)
                {
                    policy.MainModeSecurityMethods = MainModeSecurityMethod.ToList();
                }

                if (bound.ContainsKey(nameof(MainModeLifetimeMinutes)))
                {
                    policy.MainModeLifetimeMinutes = MainModeLifetimeMinutes;
                }

                if (bound.ContainsKey(nameof(MainModeQuickModeLimit)))
                {
                    policy.MainModeQuickModeLimit = MainModeQuickModeLimit;
                }

                if (bound.ContainsKey(nameof(MainModePfs)))
                {
                    policy.MainModePfs = MainModePfs;
                }

                if (bound.ContainsKey(nameof(PollingIntervalMinutes)))
                {
                    policy.PollingIntervalMinutes = PollingIntervalMinutes;
                }

                if (bound.ContainsKey(nameof(ActivateDefaultResponseRule)))
                {
                    policy.ActivateDefaultResponseRule = ActivateDefaultResponseRule;
                }

                if (NewName is not null)
                {
                    document.RenamePolicy(policy, NewName);
                }

                PolicyOperations.CheckSettings(policy);
                policy.LastModified = System.DateTimeOffset.UtcNow;
                return policy.Name;
            });

            if (PassThru)
            {
                WriteObject(Store.Read().GetPolicy(finalName));
            }
        });
    }
}
