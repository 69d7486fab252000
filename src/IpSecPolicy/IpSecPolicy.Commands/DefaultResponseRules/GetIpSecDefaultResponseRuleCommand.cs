using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.DefaultResponseRules;

/// <summary>
/// Shows the default response rule of policies (netsh ipsec static show policy level=verbose shows
/// it among the rules): of every policy unless -Policy narrows them. Policy objects pipe in by their Name.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IpSecDefaultResponseRule")]
[OutputType(typeof(DefaultResponseRule))]
public sealed class GetIpSecDefaultResponseRuleCommand : IpSecCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [PolicyNameTransformation]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string[]? Policy { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var document = Store.Read();
            var (policies, missing) = NameFilter.Select(document.Policies, Policy, p => p.Name);
            foreach (var name in missing)
            {
                WriteNotFound(ErrorIds.PolicyNotFound, $"There is no policy named '{name}'.", name);
            }

            foreach (var policy in policies)
            {
                WriteObject(policy.DefaultResponseRule);
            }
        });
    }
}
