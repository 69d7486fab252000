using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.DefaultResponseRules;

/// <summary>
/// Changes a policy's default response rule (netsh ipsec static set defaultrule). Only the given
/// parameters change; the rule cannot be removed, only deactivated with -Active $false.
/// </summary>
[Cmdlet(VerbsCommon.Set, "IpSecDefaultResponseRule", SupportsShouldProcess = true)]
[OutputType(typeof(DefaultResponseRule))]
public sealed class SetIpSecDefaultResponseRuleCommand : IpSecCmdlet
{
    /// <summary>Policy names or Policy objects; Policy objects and default response rules pipe in by property name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [PolicyNameTransformation]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string[] Policy { get; set; } = Array.Empty<string>();

    [Parameter]
    public bool Active { get; set; }

    /// <summary>Quick mode methods in preference order: objects or netsh strings.</summary>
    [Parameter]
    [SecurityMethodTransformation]
    [ValidateNotNullOrEmpty]
    public SecurityMethod[]? SecurityMethod { get; set; }

    /// <summary>Replaces the authentication methods (in preference order).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public AuthMethod[]? AuthMethod { get; set; }

    [Parameter]
    public bool SessionKeyPfs { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var policy in Policy)
        {
            if (!ShouldProcess($"Default response rule of policy '{policy}'", "Set IPsec default response rule"))
            {
                continue;
            }

            Try(() =>
            {
                var bound = MyInvocation.BoundParameters;
                var changed = Store.Update(document => document.UpdateDefaultResponseRule(policy, rule =>
                {
                    if (bound.ContainsKey(nameof(Active)))
                    {
                        rule.Active = Active;
                    }

                    if (SecurityMethod is not null)
                    {
                        rule.SecurityMethods = SecurityMethod.ToList();
                    }

                    if (AuthMethod is not null)
                    {
                        rule.AuthMethods = AuthMethod.ToList();
                    }

                    if (bound.ContainsKey(nameof(SessionKeyPfs)))
                    {
                        rule.SessionKeyPfs = SessionKeyPfs;
                    }
                }, DateTimeOffset.UtcNow));

                WriteVerbose($"Default response rule of policy '{changed.Policy}': {(changed.Active ? "active" : "inactive")}, "
                    + $"security methods {string.Join(" ", changed.SecurityMethods)}, session key PFS {(changed.SessionKeyPfs ? "on" : "off")}, "
                    + $"authentication: {string.Join(", ", changed.AuthMethods.Select(m => m.ToString()))}.");
                if (PassThru)
                {
                    WriteObject(Store.Read().GetPolicy(changed.Policy!).DefaultResponseRule);
                }
            });
        }
    }
}
