using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// The engine of this network namespace: state, process, adapter and addresses, assigned policy,
/// uptime, paths. With no engine it writes the error EngineNotRunning (ResourceUnavailable), so
/// that <c>Get-IpSecEngine -ErrorAction Ignore</c> tests for one.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IpSecEngine")]
[OutputType(typeof(EngineStatus))]
public sealed class GetIpSecEngineCommand : EngineCmdlet
{
    protected override void ProcessRecord()
    {
        var client = Control;
        try
        {
            WriteObject(client.Call<EngineStatus>(ControlCommands.GetEngine));
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
        }
    }
}
