using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.ImportExport;

/// <summary>
/// Writes policies as policy-as-code JSON documents (netsh ipsec static exportpolicy), one
/// self-contained document per policy. Several policies go to a directory, one '&lt;name&gt;.json' each.
/// </summary>
[Cmdlet(VerbsData.Export, "IpSecPolicy", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(FileInfo))]
public sealed class ExportIpSecPolicyCommand : IpSecCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    private readonly List<string> policies = new();
    private bool yesToAll;
    private bool noToAll;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Policy[] InputObject { get; set; } = Array.Empty<Policy>();

    /// <summary>The file for one policy; a directory when several match (or when it is one already).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Path { get; set; } = string.Empty;

    /// <summary>Write pre-shared keys into the documents (asks first unless -Force).</summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    /// <summary>Overwrite existing files, and do not ask before writing keys.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByInputObject)
        {
            InputObject.ToList().ForEach(p => Add(p.Name));
            return;
        }

        Try(() =>
        {
            var (matches, missing) = NameFilter.Select(Store.Read().Policies, Name, p => p.Name);
            foreach (var name in missing)
            {
                WriteNotFound(ErrorIds.PolicyNotFound, $"There is no policy named '{name}'.", name);
            }

            matches.ForEach(p => Add(p.Name));
        });
    }

    protected override void EndProcessing()
    {
        if (policies.Count == 0)
        {
            return;
        }

        var target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        var toDirectory = policies.Count > 1 || Directory.Exists(target)
            || Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal);
        foreach (var policy in policies)
        {
            var file = toDirectory ? System.IO.Path.Combine(target, FileNameFor(policy)) : target;
            if (!ShouldProcess(file, $"Export IPsec policy '{policy}'{(IncludeSecret ? " with its pre-shared keys" : string.Empty)}"))
            {
                continue;
            }

            if (IncludeSecret && !Force && !ShouldContinue(
                $"'{file}' will hold the pre-shared keys of policy '{policy}' in clear text (the file is created readable by you only). Write it?",
                "Export pre-shared keys", ref yesToAll, ref noToAll))
            {
                continue;
            }

            Try(() =>
            {
                var json = Store.ExportPolicy(policy, IncludeSecret);
                if (toDirectory)
                {
                    CreateDirectory(target);
                }

                PolicyDocumentFile.Write(file, json, containsKeys: IncludeSecret, overwrite: Force);
                WriteVerbose($"Exported policy '{policy}' to '{file}'.");
                if (PassThru)
                {
                    WriteObject(new FileInfo(file));
                }
            });
        }
    }

    /// <summary>'&lt;name&gt;.json', with the characters a file name cannot hold (on Linux or Windows) replaced.</summary>
    internal static string FileNameFor(string policy)
    {
        var invalid = System.IO.Path.GetInvalidFileNameChars().Concat(new[] { '/', '\\', ':', '*', '?', '"', '<', '>', '|' }).ToArray();
        var chars = policy.Select(c => Array.IndexOf(invalid, c) >= 0 || char.IsControl(c) ? '_' : c).ToArray();
        return new string(chars) + ".json";
    }

    private static void CreateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException(ErrorIds.ExportWriteFailed, PolicyErrorCategory.WriteError, $"The directory '{path}' cannot be created: {e.Message}", path, e);
        }
    }

    private void Add(string name)
    {
        if (!policies.Any(p => StoreDocument.Same(p, name)))
        {
            policies.Add(name);
        }
    }
}
