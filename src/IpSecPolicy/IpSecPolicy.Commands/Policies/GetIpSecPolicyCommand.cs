using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.Policies;

/// <summary>Lists policies (netsh ipsec static show policy).</summary>
[Cmdlet(VerbsCommon.Get, "IpSecPolicy")]
[OutputType(typeof(Policy))]
public sealed class GetIpSecPolicyCommand : IpSecCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only the assigned policy.</summary>
    [Parameter]
    public SwitchParameter Assigned { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var document = Store.Read();
            var (matches, missing) = NameFilter.Select(document.Policies, Name, p => p.Name);
            foreach (var name in missing)
            {
                WriteNotFound(ErrorIds.PolicyNotFound, $"There is no policy named '{name}'.", name);
            }

            foreach (var policy in matches)
            {
                if (!Assigned || policy.Assigned)
                {
                    WriteObject(policy);
                }
            }
        });
    }
}
