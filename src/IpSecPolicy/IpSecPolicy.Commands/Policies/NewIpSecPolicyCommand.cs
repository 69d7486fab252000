using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Policies;

/// <summary>Creates a policy (netsh ipsec static add policy).</summary>
[Cmdlet(VerbsCommon.New, "IpSecPolicy", SupportsShouldProcess = true)]
[OutputType(typeof(Policy))]
public sealed class NewIpSecPolicyCommand : IpSecCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    [Parameter]
    [MainModeMethodTransformation]
    public MainModeMethod[]? MainModeSecurityMethod { get; set; }

    [Parameter]
    [ValidateRange(1, PolicyOperations.MaxMainModeLifetimeMinutes)]
    public int MainModeLifetimeMinutes { get; set; } = Policy.DefaultMainModeLifetimeMinutes;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MainModeQuickModeLimit { get; set; }

    [Parameter]
    public SwitchParameter MainModePfs { get; set; }

    [Parameter]
    [ValidateRange(0, PolicyOperations.MaxPollingIntervalMinutes)]
    public int PollingIntervalMinutes { get; set; } = Policy.DefaultPollingIntervalMinutes;

    [Parameter]
    public bool ActivateDefaultResponseRule { get; set; } = true;

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, "Create IPsec policy"))
        {
            return;
        }

        Try(() =>
        {
            var policy = new Policy
            {
                Name = Name,
                Description = Description,
                MainModeLifetimeMinutes = MainModeLifetimeMinutes,
                MainModeQuickModeLimit = MainModeQuickModeLimit,
                MainModePfs = MainModePfs,
                PollingIntervalMinutes = PollingIntervalMinutes,
                ActivateDefaultResponseRule = ActivateDefaultResponseRule,
            };
            if (MainModeSecurityMethod is { Length: > 0 })
            {
                policy.MainModeSecurityMethods = MainModeSecurityMethod.ToList();
            }

            Store.Update(document => document.AddPolicy(policy, DateTimeOffset.UtcNow));
            WriteObject(Store.Read().GetPolicy(policy.Name));
        });
    }
}
