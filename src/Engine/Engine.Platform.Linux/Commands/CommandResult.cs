namespace Engine.Platform.Linux.Commands;

/// <summary>How an external command ended and what it printed.</summary>
/// <param name="CommandLine">The command as run, for messages (arguments are never passed through a shell).</param>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the command exited with status 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
