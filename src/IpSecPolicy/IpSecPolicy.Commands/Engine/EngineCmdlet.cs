using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Control;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Base of the cmdlets that talk to the engine of this network namespace over its control socket.
/// They never reference the engine's types: only the control contract (IpSecPolicy.Control).
/// </summary>
public abstract class EngineCmdlet : IpSecCmdlet
{
    /// <summary>A session variable that points the engine cmdlets at another control socket.</summary>
    public const string ControlSocketVariable = EngineConnection.SocketVariable;

    /// <summary><c>$IpSecPolicyControlSocket</c>, else <c>$env:IPSECPOLICY_CONTROL_SOCKET</c>, else this namespace's default.</summary>
    protected string ControlSocketPath => EngineConnection.SocketPath(this);

    protected ControlClient Control => EngineConnection.Client(this);

    /// <summary>Writes a non-terminating error carrying the control error's id and category.</summary>
    protected void WriteControlError(ControlException error, object? target) => WriteError(EngineConnection.ToErrorRecord(error, target));
}
