using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.ImportExport;

/// <summary>
/// Imports policy documents (netsh ipsec static importpolicy): each file in one atomic change of
/// the store, or, refused, not at all. -WhatIf writes the plan: what would be created, updated or
/// left unchanged.
/// </summary>
[Cmdlet(VerbsData.Import, "IpSecPolicy", SupportsShouldProcess = true, DefaultParameterSetName = ByPath)]
[OutputType(typeof(Policy), typeof(ImportPlanItem))]
public sealed class ImportIpSecPolicyCommand : IpSecCmdlet
{
    private const string ByPath = "ByPath";
    private const string ByLiteralPath = "ByLiteralPath";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByPath)]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Paths taken as written (no wildcards); what Get-ChildItem's output binds to.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByLiteralPath)]
    [Alias("PSPath", "LP", "FullName")]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private bool IsWhatIf =>
        (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && whatIf is SwitchParameter { IsPresent: true })
        || LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    protected override void ProcessRecord()
    {
        foreach (var file in Files())
        {
            Try(() => ImportFile(file));
        }
    }

    private void ImportFile(string file)
    {
        var document = PolicyDocumentFile.Read(file);

        // The plan refuses a bad document, -WhatIf or not: -WhatIf also checks a file.
        var preview = Store.PreviewImport(document);
        var summary = string.Join("; ", preview.Items.Select(i => i.ToString()));
        if (preview.ChangesNothing || !ShouldProcess($"Import '{file}': {summary}.", $"Import '{file}'? {summary}.", "Import IPsec policy"))
        {
            if (preview.ChangesNothing)
            {
                WriteVerbose($"'{file}': the store already holds policy '{preview.PolicyName}' as the document says; nothing to import.");
            }

            if (IsWhatIf)
            {
                preview.Items.ToList().ForEach(WriteObject);
            }

            if (PassThru && preview.ChangesNothing && !IsWhatIf)
            {
                WriteObject(Store.Read().GetPolicy(preview.PolicyName));
            }

            return;
        }

        var plan = Store.Import(document, DateTimeOffset.UtcNow);
        foreach (var item in plan.Items)
        {
            WriteVerbose($"'{file}': {item}");
        }

        if (PassThru)
        {
            WriteObject(Store.Read().GetPolicy(plan.PolicyName));
        }
    }

    /// <summary>The files named by -Path (wildcards expanded) or -LiteralPath; a name that is not there is an error.</summary>
    private IEnumerable<string> Files()
    {
        if (ParameterSetName == ByLiteralPath)
        {
            return LiteralPath.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p));
        }

        var files = new List<string>();
        foreach (var pattern in Path)
        {
            try
            {
                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out var provider);
                if (provider.Name != "FileSystem")
                {
                    WriteError(new ErrorRecord(new ArgumentException($"'{pattern}' is not a file system path."), ErrorIds.ImportFileNotFound,
                        ErrorCategory.InvalidArgument, pattern));
                    continue;
                }

                files.AddRange(resolved);
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, ErrorIds.ImportFileNotFound, ErrorCategory.ObjectNotFound, pattern));
            }
        }

        return files;
    }
}
