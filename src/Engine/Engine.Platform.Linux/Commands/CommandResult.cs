namespace Engine.Platform.Linux.Commands;

/// <summary>How an external command ended and what it printed.</summary>
/// <param name="CommandLine">The command as run, for messages (arguments are never passed through a shell).</param>
/// <param name="ExitCode">The exit status; 0 is success.</param>
/// <param name="StandardOutput">Everything the command wrote to standard output.</param>
/// <param name="StandardError">Everything the command wrote to standard error; the reason when it failed.</param>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the command exited with status 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
