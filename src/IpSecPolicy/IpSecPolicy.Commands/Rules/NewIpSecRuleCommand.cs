using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.Rules;

/// <summary>
/// Adds a rule to a policy (netsh ipsec static add rule). Every parameter also binds by property
/// name, so rules piped from Get-IpSecRule are copied (into the -Policy given on the command line).
/// </summary>
[Cmdlet(VerbsCommon.New, "IpSecRule", SupportsShouldProcess = true)]
[OutputType(typeof(Rule))]
public sealed class NewIpSecRuleCommand : IpSecCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [PolicyNameTransformation]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string Policy { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(FilterListNameCompleter))]
    public string FilterList { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(FilterActionNameCompleter))]
    public string FilterAction { get; set; } = string.Empty;

    /// <summary>Authentication methods in preference order (New-IpSecAuthMethod).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AuthMethods")]
    public AuthMethod[]? AuthMethod { get; set; }

    /// <summary>The remote gateway's IPv4 or IPv6 address; none (the default) is transport mode.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? TunnelEndpoint { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ConnectionType ConnectionType { get; set; } = ConnectionType.All;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public bool Active { get; set; } = true;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess($"Rule '{Name}' of policy '{Policy}'", "Create IPsec rule"))
        {
            return;
        }

        Try(() =>
        {
            var rule = new Rule
            {
                Name = Name,
                Description = Description,
                FilterList = FilterList,
                FilterAction = FilterAction,
                AuthMethods = AuthMethod?.ToList() ?? new(),
                TunnelEndpoint = Model.Operations.TunnelEndpoint.Parse(TunnelEndpoint),
                ConnectionType = ConnectionType,
                Active = Active,
            };
            var stored = Store.Update(document => document.AddRule(Policy, rule, DateTimeOffset.UtcNow));
            WriteVerbose($"Added {RuleText.Summary(stored)}.");
            var saved = Store.Read();
            WriteObject(saved.GetRule(saved.GetPolicy(stored.Policy!), stored.Name));
        });
    }
}
