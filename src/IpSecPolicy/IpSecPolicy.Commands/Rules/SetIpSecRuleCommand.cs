using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.Rules;

/// <summary>
/// Changes a rule (netsh ipsec static set rule). Only the given parameters change; -AuthMethod
/// replaces the whole list, as netsh does.
/// </summary>
[Cmdlet(VerbsCommon.Set, "IpSecRule", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Rule))]
public sealed class SetIpSecRuleCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [PolicyNameTransformation]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string Policy { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(RuleNameCompleter))]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Rule? InputObject { get; set; }

    [Parameter]
    public string? NewName { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(FilterListNameCompleter))]
    public string? FilterList { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(FilterActionNameCompleter))]
    public string? FilterAction { get; set; }

    /// <summary>Replaces the authentication methods (in preference order).</summary>
    [Parameter]
    public AuthMethod[]? AuthMethod { get; set; }

    /// <summary>The remote gateway's address; '' or 'None' turns the rule back to transport mode.</summary>
    [Parameter]
    [AllowNull]
    [AllowEmptyString]
    public string? TunnelEndpoint { get; set; }

    [Parameter]
    public ConnectionType ConnectionType { get; set; }

    [Parameter]
    public bool Active { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var policyName = InputObject?.Policy ?? Policy;
        var ruleName = InputObject?.Name ?? Name;
        if (!ShouldProcess($"Rule '{ruleName}' of policy '{policyName}'", "Set IPsec rule"))
        {
            return;
        }

        Try(() =>
        {
            var bound = MyInvocation.BoundParameters;
            var endpoint = bound.ContainsKey(nameof(TunnelEndpoint)) ? Model.Operations.TunnelEndpoint.Parse(TunnelEndpoint) : null;
            var stored = Store.Update(document => document.UpdateRule(policyName, ruleName, rule =>
            {
                if (NewName is not null)
                {
                    rule.Name = NewName;
                }

                if (bound.ContainsKey(nameof(Description)))
                {
                    rule.Description = Description;
                }

                if (FilterList is not null)
                {
                    rule.FilterList = FilterList;
                }

                if (FilterAction is not null)
                {
                    rule.FilterAction = FilterAction;
                }

                if (AuthMethod is not null)
                {
                    rule.AuthMethods = AuthMethod.ToList();
                }

                if (bound.ContainsKey(nameof(TunnelEndpoint)))
                {
                    rule.TunnelEndpoint = endpoint;
                }

                if (bound.ContainsKey(nameof(ConnectionType)))
                {
                    rule.ConnectionType = ConnectionType;
                }

                if (bound.ContainsKey(nameof(Active)))
                {
                    rule.Active = Active;
                }
            }, DateTimeOffset.UtcNow));

            WriteVerbose($"Changed {RuleText.Summary(stored)}.");
            if (PassThru)
            {
                var saved = Store.Read();
                WriteObject(saved.GetRule(saved.GetPolicy(stored.Policy!), stored.Name));
            }
        });
    }
}
