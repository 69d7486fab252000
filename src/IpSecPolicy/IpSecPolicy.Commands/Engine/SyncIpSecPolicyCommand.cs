using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Makes the engine of this network namespace re-read the store now, rather than at its next
/// poll, and writes what changed (gpupdate for IPsec policy).
/// </summary>
[Cmdlet(VerbsData.Sync, "IpSecPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PolicySyncResult))]
public sealed class SyncIpSecPolicyCommand : EngineCmdlet
{
    protected override void ProcessRecord()
    {
        var client = Control;
        if (!ShouldProcess(client.SocketPath, "Re-read the policy store and apply the assigned policy"))
        {
            return;
        }

        try
        {
            var result = client.Call<PolicySyncResult>(ControlCommands.Sync);
            if (result is not null)
            {
                EngineConnection.ReportSync(this, result, Store.Directory);
                WriteObject(result);
            }
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
        }
    }
}
