using System.Management.Automation;
using IpSecPolicy.Model.Compiler;

namespace IpSecPolicy.Commands.Common;

/// <summary>
/// Base of the cmdlets that compile a policy for this host (Test-IpSecPolicy, Find-IpSecRule): they
/// need a <see cref="HostContext"/>, resolved once per command by <see cref="HostContextResolver"/>.
/// </summary>
public abstract class CompilingCmdlet : IpSecCmdlet
{
    /// <summary>A session variable holding a HostContext to compile against instead of the system's (tests, what-if planning).</summary>
    public const string HostContextVariable = HostContextResolver.Variable;

    private HostContext? host;

    /// <summary>The host facts to compile against instead of the running system's.</summary>
    [Parameter]
    public HostContext? HostContext { get; set; }

    /// <summary>Compile for one interface only (its addresses are what Me stands for).</summary>
    [Parameter]
    public string? InterfaceAlias { get; set; }

    /// <summary>The host context for this command (see HostContextResolver). Discovery errors throw PolicyException.</summary>
    protected HostContext CompileHost => host ??= HostContextResolver.Resolve(this, HostContext, InterfaceAlias);
}
