using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;

namespace IpSecPolicy.Commands.Diagnostics;

/// <summary>
/// Reports what is wrong or doubtful in a policy: the validation errors that concern it, what cannot
/// be compiled on this host, and the advisor's warnings and information. Without -Name: the assigned
/// policy, or every policy when none is assigned.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "IpSecPolicy", DefaultParameterSetName = ByName)]
[OutputType(typeof(Diagnostic))]
public sealed class TestIpSecPolicyCommand : CompilingCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Policy? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var document = Store.Read();
            foreach (var policy in Selected(document))
            {
                WriteVerbose($"Testing policy '{policy.Name}'.");
                foreach (var diagnostic in PolicyAdvisor.Test(document, policy, CompileHost))
                {
                    var output = PSObject.AsPSObject(diagnostic);
                    output.Properties.Add(new PSNoteProperty("Policy", policy.Name));
                    WriteObject(output);
                }
            }
        });
    }

    private IEnumerable<Policy> Selected(StoreDocument document)
    {
        if (InputObject is not null)
        {
            return new[] { document.GetPolicy(InputObject.Name) };
        }

        if (Name is { Length: > 0 })
        {
            var (matches, missing) = NameFilter.Select(document.Policies, Name, p => p.Name);
            foreach (var name in missing)
            {
                WriteNotFound(ErrorIds.PolicyNotFound, $"There is no policy named '{name}'.", name);
            }

            return matches;
        }

        if (document.Assigned is { } assigned)
        {
            return new[] { assigned };
        }

        WriteVerbose("No policy is assigned; testing every policy.");
        return document.Policies.ToList();
    }
}
