using System.Management.Automation;
using IpSecPolicy.Model.Compiler;

namespace IpSecPolicy.Commands.Common;

/// <summary>
/// Base of the cmdlets that compile a policy for this host (Test-IpSecPolicy, Find-IpSecRule): they
/// need a <see cref="HostContext"/>. It is, in this order: -HostContext, the session variable
/// <c>$IpSecPolicyHostContext</c>, or the running system's, discovered once per command. -InterfaceAlias
/// restricts it to one interface, as the engine binds to one adapter.
/// </summary>
public abstract class CompilingCmdlet : IpSecCmdlet
{
    /// <summary>A session variable holding a HostContext to compile against instead of the system's (tests, what-if planning).</summary>
    public const string HostContextVariable = "IpSecPolicyHostContext";

    private HostContext? host;

    /// <summary>The host facts to compile against instead of the running system's.</summary>
    [Parameter]
    public HostContext? HostContext { get; set; }

    /// <summary>Compile for one interface only (its addresses are what Me stands for).</summary>
    [Parameter]
    public string? InterfaceAlias { get; set; }

    /// <summary>The host context for this command (see the class remarks). Discovery errors throw PolicyException.</summary>
    protected HostContext CompileHost => host ??= Resolve();

    private HostContext Resolve()
    {
        var given = HostContext ?? (SessionState.PSVariable.GetValue(HostContextVariable) is { } value
            ? (value is PSObject wrapped ? wrapped.BaseObject : value) as HostContext
            : null);
        if (given is null)
        {
            var discovered = Model.Compiler.HostContext.Discover(InterfaceAlias);
            WriteVerbose($"Host context discovered from the system: {discovered}");
            return discovered;
        }

        var chosen = string.IsNullOrEmpty(InterfaceAlias) ? given : given.RestrictTo(InterfaceAlias!);
        WriteVerbose($"Host context supplied: {chosen}");
        return chosen;
    }
}
