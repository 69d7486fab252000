using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.Rules;

/// <summary>Deletes rules from a policy (netsh ipsec static delete rule). The default response rule cannot be deleted; see Set-IpSecDefaultResponseRule -Active.</summary>
[Cmdlet(VerbsCommon.Remove, "IpSecRule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(Rule))]
public sealed class RemoveIpSecRuleCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [PolicyNameTransformation]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string Policy { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(RuleNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Rule[]? InputObject { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var targets = InputObject is null
            ? Array.ConvertAll(Name, name => (Policy, Name: name))
            : Array.ConvertAll(InputObject, rule => (Policy: rule.Policy ?? string.Empty, rule.Name));
        foreach (var (policy, name) in targets)
        {
            if (!ShouldProcess($"Rule '{name}' of policy '{policy}'", "Remove IPsec rule"))
            {
                continue;
            }

            Try(() =>
            {
                var removed = Store.Update(document => document.RemoveRule(policy, name, DateTimeOffset.UtcNow));
                WriteVerbose($"Removed {RuleText.Summary(removed)}.");
                if (PassThru)
                {
                    WriteObject(removed);
                }
            });
        }
    }
}
