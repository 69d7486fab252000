using System.Threading;
using System.Threading.Tasks;

namespace Engine.Host.Control;

/// <summary>
/// One command of the control protocol. Register an implementation in the container and the server
/// dispatches requests with its <see cref="Name"/> to it; the IKE side adds its SA commands this way.
/// Every command must be described in src/IpSecPolicy/IpSecPolicy.Control/README.md.
/// </summary>
public interface IControlCommand
{
    /// <summary>The command's name on the wire (case-sensitive), e.g. "GetEngine".</summary>
    string Name { get; }

    /// <summary>
    /// Runs the command; the result (a DTO of IpSecPolicy.Control, or null) is serialized as the
    /// response's result. Refuse with <see cref="ControlCommandException"/>; a PolicyException is
    /// passed on with its error id and category.
    /// </summary>
    Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken);
}
