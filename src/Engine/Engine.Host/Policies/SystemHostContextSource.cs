using IpSecPolicy.Model.Compiler;

namespace Engine.Host.Policies;

/// <summary>The running system's adapter: addresses, servers and gateways as the module's compiler discovers them.</summary>
internal sealed class SystemHostContextSource : IHostContextSource
{
    public HostContext Discover(string interfaceAlias) => HostContext.Discover(interfaceAlias);
}
