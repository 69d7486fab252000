namespace IpSecPolicy.Control.Messages;

/// <summary>Why the engine refused a request: a stable error id (as the module's), a category name and a message.</summary>
public sealed class ControlError
{
    public string Id { get; set; } = string.Empty;

    /// <summary>A PowerShell ErrorCategory name, e.g. ObjectNotFound.</summary>
    public string Category { get; set; } = "InvalidOperation";

    public string Message { get; set; } = string.Empty;
}
