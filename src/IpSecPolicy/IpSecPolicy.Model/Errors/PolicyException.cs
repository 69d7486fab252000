using System;

namespace IpSecPolicy.Model.Errors;

/// <summary>
/// A refused model operation. <see cref="ErrorId"/> is stable and documented: scripts and tests
/// match on it, so never reword it. <see cref="Target"/> is the offending object or value.
/// </summary>
public sealed class PolicyException : Exception
{
    public PolicyException(string errorId, PolicyErrorCategory category, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
    }

    public string ErrorId { get; }

    public PolicyErrorCategory Category { get; }

    public object? Target { get; }
}
