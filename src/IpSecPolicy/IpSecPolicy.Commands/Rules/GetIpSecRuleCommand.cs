using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.Rules;

/// <summary>
/// Lists rules (netsh ipsec static show rule), of every policy unless -Policy narrows them. Policy
/// objects and names piped in select their rules; objects with Policy and Name properties (rules)
/// select by those.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IpSecRule", DefaultParameterSetName = ByPolicyName)]
[OutputType(typeof(Rule))]
public sealed class GetIpSecRuleCommand : IpSecCmdlet
{
    private const string ByPolicyName = "ByPolicyName";
    private const string ByInputObject = "ByInputObject";

    /// <summary>
    /// Policy names (wildcards); all policies when not given. A Policy object given here stands for
    /// its name. (No name transformation here: it would let a piped Policy bind to this parameter,
    /// and its Name to -Name.)
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByPolicyName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string[]? Policy { get; set; }

    /// <summary>
    /// Policies piped in (Get-IpSecPolicy output). A set of its own, so that a piped Policy's Name
    /// is not taken for a rule name.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Policy[]? InputObject { get; set; }

    /// <summary>
    /// Rule names (wildcards). The only positional parameter, so that in
    /// <c>Get-IpSecPolicy P | Get-IpSecRule 'To*'</c> the pattern is the rule name in either set.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByPolicyName)]
    [Parameter(Position = 0, ParameterSetName = ByInputObject)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RuleNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var document = Store.Read();
            var names = InputObject is null ? Policy : System.Array.ConvertAll(InputObject, p => p.Name);
            var (policies, missingPolicies) = NameFilter.Select(document.Policies, names, p => p.Name);
            foreach (var name in missingPolicies)
            {
                WriteNotFound(ErrorIds.PolicyNotFound, $"There is no policy named '{name}'.", name);
            }

            if (policies.Count == 0)
            {
                return;
            }

            var (rules, missingRules) = NameFilter.Select(policies.SelectMany(p => p.Rules), Name, r => r.Name);
            foreach (var name in missingRules)
            {
                var where = policies.Count == 1 ? $"Policy '{policies[0].Name}' has" : "No selected policy has";
                WriteNotFound(ErrorIds.RuleNotFound, $"{where} no rule named '{name}'.", name);
            }

            WriteObject(rules, enumerateCollection: true);
        });
    }
}
