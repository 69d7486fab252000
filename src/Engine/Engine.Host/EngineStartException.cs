using System;

namespace Engine.Host;

/// <summary>Why the engine cannot start, with the exit code that says so (<see cref="EngineExitCode"/>).</summary>
public sealed class EngineStartException : Exception
{
    public EngineStartException(int exitCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
