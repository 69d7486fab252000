using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// Ends VPN sessions cleanly (PPP LCP Terminate-Request, then the L2TP CDN), as RRAS's "Disconnect"
/// on a remote access client. The user can connect again: Disable-/Remove-VpnUser keep them out.
/// ConfirmImpact High: it cuts users off.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "VpnSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ById)]
[OutputType(typeof(VpnSession))]
public sealed class DisconnectVpnSessionCommand : VpnEngineCmdlet
{
    private const string ById = "ById";
    private const string ByInputObject = "ByInputObject";

    /// <summary>The sessions' numbers, as Get-VpnSession shows them.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById)]
    public ulong[] Id { get; set; } = Array.Empty<ulong>();

    /// <summary>Sessions from Get-VpnSession.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public VpnSession[] InputObject { get; set; } = Array.Empty<VpnSession>();

    /// <summary>Writes each ended session as it was, with its last counters.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var client = Control;
        List<VpnSession> current;
        try
        {
            current = client.Call<List<VpnSession>>(ControlCommands.GetVpnSession) ?? new List<VpnSession>();
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        var ids = ParameterSetName == ByInputObject ? InputObject.Select(s => s.Id) : Id;
        foreach (var id in ids)
        {
            var text = id.ToString(CultureInfo.InvariantCulture);
            var session = current.FirstOrDefault(s => s.Id == id);
            if (session is null)
            {
                WriteNotFound(ErrorIds.VpnSessionNotFound, $"There is no VPN session with id {text}.", text);
                continue;
            }

            if (!ShouldProcess($"VPN session {text} of '{session.UserName}' from {session.ClientAddress}:{session.ClientPort} ({session.AssignedAddress})",
                "Disconnect (LCP Terminate-Request, then CDN)"))
            {
                continue;
            }

            try
            {
                var ended = client.Call<VpnSession>(ControlCommands.DisconnectVpnSession, new Dictionary<string, object?> { ["id"] = text });
                WriteVerbose($"Disconnected VPN session {text} of '{session.UserName}'.");
                if (PassThru)
                {
                    WriteObject(ended ?? session);
                }
            }
            catch (ControlException error)
            {
                WriteControlError(error, text);
            }
        }
    }
}
