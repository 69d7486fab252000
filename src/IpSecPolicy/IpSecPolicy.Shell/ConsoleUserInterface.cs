using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace IpSecPolicy.Shell;

/// <summary>Writes every stream to two writers (the console's by default); refuses prompts (a script host has no one to ask).</summary>
internal sealed class ConsoleUserInterface : PSHostUserInterface
{
    private readonly TextWriter output;
    private readonly TextWriter error;

    public ConsoleUserInterface(TextWriter output, TextWriter error)
    {
        this.output = output;
        this.error = error;
    }

    public override PSHostRawUserInterface RawUI { get; } = new ConsoleRawUserInterface();

    /// <summary>Logs, CI and tests read this output: no ANSI escapes in tables.</summary>
    public override bool SupportsVirtualTerminal => false;

    private static readonly Regex AnsiEscape = new("\x1b\\[[0-9;]*m", RegexOptions.Compiled);

    public override void Write(string value) => output.Write(Plain(value));

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => output.Write(Plain(value));

    public override void WriteLine(string value) => output.WriteLine(Plain(value));

    public override void WriteErrorLine(string value) => error.WriteLine(Plain(value));

    public override void WriteDebugLine(string message) => output.WriteLine($"DEBUG: {message}");

    public override void WriteVerboseLine(string message) => output.WriteLine($"VERBOSE: {message}");

    public override void WriteWarningLine(string message) => output.WriteLine($"WARNING: {message}");

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override string ReadLine() => throw NoPrompt();

    public override SecureString ReadLineAsSecureString() => throw NoPrompt();

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw NoPrompt();

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw NoPrompt();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NoPrompt();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NoPrompt();

    /// <summary>The formatter styles table headers itself; this host's readers want plain text.</summary>
    private static string Plain(string value) => value.IndexOf('\x1b') < 0 ? value : AnsiEscape.Replace(value, string.Empty);

    private static PSInvalidOperationException NoPrompt() =>
        new("This host cannot prompt. Pass the value as a parameter, or -Confirm:$false / -Force where a confirmation is asked.");
}
