using System;

namespace Engine.Platform.Linux.Commands;

/// <summary>An <c>ip</c> or <c>nft</c> command failed; the message carries its command line and stderr.</summary>
public sealed class ExternalCommandException : Exception
{
    /// <summary>Creates the exception for a command that ran and failed.</summary>
    public ExternalCommandException(CommandResult result)
        : base($"'{result.CommandLine}' exited with status {result.ExitCode}: {result.StandardError.Trim()}")
    {
        Result = result;
    }

    /// <summary>Creates the exception for a command that could not be run at all.</summary>
    public ExternalCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The failed command's result; null when it could not be started.</summary>
    public CommandResult? Result { get; }
}
