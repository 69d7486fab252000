using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Deletes main mode (ISAKMP) SAs: the engine sends DELETE to the peer. The quick mode SAs made
/// under them stay until their own lifetimes end (IKEv1 lets them); a new main mode starts when
/// another quick mode is needed. ConfirmImpact High: negotiations with the peer are cut off.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "IpSecMainModeSA", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ById)]
[OutputType(typeof(MainModeSa))]
public sealed class RemoveIpSecMainModeSACommand : EngineCmdlet
{
    private const string ById = "ById";
    private const string ByInputObject = "ByInputObject";

    /// <summary>The SAs' cookie pairs, as Get-IpSecMainModeSA shows them.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>SAs from Get-IpSecMainModeSA.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public MainModeSa[] InputObject { get; set; } = Array.Empty<MainModeSa>();

    /// <summary>Writes each removed SA as it was.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var client = Control;
        List<MainModeSa> current;
        try
        {
            current = client.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa) ?? new List<MainModeSa>();
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        var ids = ParameterSetName == ByInputObject ? InputObject.Select(sa => sa.Id) : Id;
        foreach (var id in ids)
        {
            var sa = current.FirstOrDefault(candidate => string.Equals(candidate.Id, id, StringComparison.OrdinalIgnoreCase));
            if (sa is null)
            {
                WriteNotFound(ErrorIds.MainModeSaNotFound, $"There is no main mode SA with id '{id}'.", id);
                continue;
            }

            if (!ShouldProcess($"main mode SA {sa.Id} with {sa.PeerAddress} ({sa.State})", "Remove, sending DELETE to the peer"))
            {
                continue;
            }

            try
            {
                var removed = client.Call<MainModeSa>(ControlCommands.RemoveMainModeSa, new Dictionary<string, object?> { ["id"] = sa.Id });
                WriteVerbose($"Removed main mode SA {sa.Id} with {sa.PeerAddress}; the peer was sent DELETE.");
                if (PassThru)
                {
                    WriteObject(removed ?? sa);
                }
            }
            catch (ControlException error)
            {
                WriteControlError(error, sa.Id);
            }
        }
    }
}
