using System;
using System.Globalization;
using System.IO;
using System.Management.Automation.Host;

namespace IpSecPolicy.Shell;

/// <summary>A minimal non-interactive host: output goes to the console, nothing is ever prompted.</summary>
public sealed class ConsoleHost : PSHost
{
    private readonly ConsoleUserInterface ui;

    public ConsoleHost(TextWriter? output = null, TextWriter? error = null)
    {
        ui = new ConsoleUserInterface(output ?? Console.Out, error ?? Console.Error);
    }

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "IpSecPolicyShell";

    public override PSHostUserInterface UI => ui;

    public override Version Version => typeof(ConsoleHost).Assembly.GetName().Version ?? new Version(0, 1);

    /// <summary>Set by the script's <c>exit</c>; the program returns it.</summary>
    public int? ExitCode { get; private set; }

    public override void EnterNestedPrompt() => throw new NotSupportedException("This host runs scripts only.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("This host runs scripts only.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
}
