using IpSecPolicy.Model.Compiler;

namespace Engine.Host.Policies;

/// <summary>The facts about the adapter a policy is compiled against; the system's by default, a fixed one in tests.</summary>
public interface IHostContextSource
{
    /// <summary>The context of one interface.</summary>
    /// <exception cref="IpSecPolicy.Model.Errors.PolicyException">InterfaceNotFound when it does not exist or is down.</exception>
    HostContext Discover(string interfaceAlias);
}
