using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Deletes quick mode SAs, both directions, and the engine sends DELETE to the peer. Traffic they
/// carried stops until a new quick mode is negotiated (at once, when the policy says to secure
/// it and packets come). ConfirmImpact High: it tears down traffic.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "IpSecQuickModeSA", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ById)]
[OutputType(typeof(QuickModeSa))]
public sealed class RemoveIpSecQuickModeSACommand : EngineCmdlet
{
    private const string ById = "ById";
    private const string ByInputObject = "ByInputObject";

    /// <summary>The quick modes' numbers, as Get-IpSecQuickModeSA shows them.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById)]
    public ulong[] Id { get; set; } = Array.Empty<ulong>();

    /// <summary>SAs from Get-IpSecQuickModeSA.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public QuickModeSa[] InputObject { get; set; } = Array.Empty<QuickModeSa>();

    /// <summary>Writes each removed SA as it was, with its last counters.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var client = Control;
        List<QuickModeSa> current;
        try
        {
            current = client.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa) ?? new List<QuickModeSa>();
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        var ids = ParameterSetName == ByInputObject ? InputObject.Select(sa => sa.Id) : Id;
        foreach (var id in ids)
        {
            var text = id.ToString(CultureInfo.InvariantCulture);
            var sa = current.FirstOrDefault(candidate => candidate.Id == id);
            if (sa is null)
            {
                WriteNotFound(ErrorIds.QuickModeSaNotFound, $"There is no quick mode SA with id {text}.", text);
                continue;
            }

            if (!ShouldProcess($"quick mode SA {text} ({sa.Rule}) with {sa.PeerAddress}: {sa.LocalTrafficSelector} <-> {sa.RemoteTrafficSelector}", "Remove, sending DELETE to the peer"))
            {
                continue;
            }

            try
            {
                var removed = client.Call<QuickModeSa>(ControlCommands.RemoveQuickModeSa, new Dictionary<string, object?> { ["id"] = text });
                WriteVerbose($"Removed quick mode SA {text} with {sa.PeerAddress}; the peer was sent DELETE.");
                if (PassThru)
                {
                    WriteObject(removed ?? sa);
                }
            }
            catch (ControlException error)
            {
                WriteControlError(error, text);
            }
        }
    }
}
