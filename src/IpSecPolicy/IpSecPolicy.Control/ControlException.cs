using System;

namespace IpSecPolicy.Control;

/// <summary>A control call that failed: the engine is not running, did not answer, or refused.</summary>
public sealed class ControlException : Exception
{
    public const string EngineNotRunning = "EngineNotRunning";
    public const string EngineNotResponding = "EngineNotResponding";
    public const string ProtocolError = "ControlProtocolError";

    public ControlException(string errorId, string category, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Category = category;
    }

    /// <summary>Stable id; the cmdlets use it as the ErrorRecord's error id.</summary>
    public string ErrorId { get; }

    /// <summary>A PowerShell ErrorCategory name.</summary>
    public string Category { get; }
}
