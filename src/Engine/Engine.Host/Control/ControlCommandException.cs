using System;

namespace Engine.Host.Control;

/// <summary>A command's refusal: the error id and category that the response carries (README.md lists them).</summary>
public sealed class ControlCommandException : Exception
{
    public ControlCommandException(string errorId, string category, string message)
        : base(message)
    {
        ErrorId = errorId;
        Category = category;
    }

    public string ErrorId { get; }

    /// <summary>A PowerShell ErrorCategory name.</summary>
    public string Category { get; }
}
