using System;
using System.IO;
using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Writes the session keys of the engine's current SAs into Wireshark's key tables in a directory:
/// <c>esp_sa</c> (ESP SAs) and <c>ikev1_decryption_table</c> (ISAKMP SAs), files readable by their
/// owner only. Point Wireshark or tshark at the directory as its configuration (a profile), and it
/// decrypts a capture of this host's IKE and ESP. Anyone who can read the files can decrypt that
/// traffic: ConfirmImpact High with a warning; -Force skips the confirmation.
/// </summary>
[Cmdlet(VerbsData.Export, "IpSecWiresharkKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(FileInfo))]
public sealed class ExportIpSecWiresharkKeyCommand : EngineCmdlet
{
    /// <summary>The directory to write the two files into (created when missing), e.g. a Wireshark profile directory.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = string.Empty;

    /// <summary>Write without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the two files as FileInfo objects.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var directory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        var espSa = System.IO.Path.Combine(directory, WiresharkKeyTables.EspSaFileName);
        var ikev1 = System.IO.Path.Combine(directory, WiresharkKeyTables.Ikev1DecryptionTableFileName);
        if (!Confirmed(directory, espSa, ikev1))
        {
            return;
        }

        var client = Control;
        WiresharkKeys? keys;
        try
        {
            keys = client.Call<WiresharkKeys>(ControlCommands.ExportWiresharkKeys);
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        if (keys is null)
        {
            return;
        }

        foreach (var skipped in keys.Skipped)
        {
            WriteVerbose($"Not exported: {skipped}.");
        }

        Try(() =>
        {
            CreateDirectory(directory);
            PrivateFile.WriteAllText(espSa, WiresharkKeyTables.EspSa(keys.EspSas));
            PrivateFile.WriteAllText(ikev1, WiresharkKeyTables.Ikev1DecryptionTable(keys.IsakmpSas));
            WriteWarning($"'{espSa}' and '{ikev1}' now hold the session keys of {keys.EspSas.Count} ESP SAs and {keys.IsakmpSas.Count} ISAKMP SAs: "
                + "anyone who can read them can decrypt this host's IPsec traffic. Delete them when you are done.");
            if (PassThru)
            {
                WriteObject(new FileInfo(espSa));
                WriteObject(new FileInfo(ikev1));
            }
        });
    }

    /// <summary>-Force stands in for the confirmation, except that -WhatIf and an explicit -Confirm still rule.</summary>
    private bool Confirmed(string directory, string espSa, string ikev1)
    {
        var bound = MyInvocation.BoundParameters;
        if (Force && !bound.ContainsKey("WhatIf") && !bound.ContainsKey("Confirm"))
        {
            return true;
        }

        return ShouldProcess(
            $"Writing the session keys of every current IPsec and ISAKMP SA to '{espSa}' and '{ikev1}' (replacing those files).",
            $"This writes the session keys of every current IPsec and ISAKMP SA to '{directory}'. Anyone who can read the files can decrypt this host's IPsec traffic. Continue?",
            "Export IPsec session keys");
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
}
