using System.Management.Automation;
using IpSecPolicy.Model.Compiler;

namespace IpSecPolicy.Commands.Common;

/// <summary>
/// The host facts a compiling cmdlet uses, in this order: its -HostContext, the session variable
/// <c>$IpSecPolicyHostContext</c>, or the running system's (discovered). -InterfaceAlias restricts
/// them to one interface, as the engine binds to one adapter.
/// </summary>
internal static class HostContextResolver
{
    /// <summary>A session variable holding a HostContext to compile against instead of the system's (tests, what-if planning).</summary>
    public const string Variable = "IpSecPolicyHostContext";

    public static HostContext Resolve(PSCmdlet cmdlet, HostContext? given, string? interfaceAlias)
    {
        given ??= cmdlet.SessionState.PSVariable.GetValue(Variable) is { } value
            ? (value is PSObject wrapped ? wrapped.BaseObject : value) as HostContext
            : null;
        if (given is null)
        {
            var discovered = HostContext.Discover(interfaceAlias);
            cmdlet.WriteVerbose($"Host context discovered from the system: {discovered}");
            return discovered;
        }

        var chosen = string.IsNullOrEmpty(interfaceAlias) ? given : given.RestrictTo(interfaceAlias!);
        cmdlet.WriteVerbose($"Host context supplied: {chosen}");
        return chosen;
    }
}
