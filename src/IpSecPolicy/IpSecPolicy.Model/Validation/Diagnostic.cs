namespace IpSecPolicy.Model.Validation;

/// <summary>
/// One finding about a policy (Test-IpSecPolicy's output). <see cref="Code"/> is stable; an Error's
/// code is also the error id of the refused change that would have caused it.
/// </summary>
public sealed class Diagnostic
{
    public Diagnostic(DiagnosticSeverity severity, string code, string message, string target)
    {
        Severity = severity;
        Code = code;
        Message = message;
        Target = target;
    }

    public DiagnosticSeverity Severity { get; }

    public string Code { get; }

    public string Message { get; }

    /// <summary>What the finding is about, as a path: <c>Policy 'P' / Rule 'R'</c>, <c>FilterList 'L' / Filter 'Me &lt;-&gt; Any'</c>.</summary>
    public string Target { get; }

    /// <summary>Identity for "was this error already there before the change".</summary>
    public string Key => $"{Code}|{Target}";

    public override string ToString() => $"{Severity} {Code} {Target}: {Message}";
}
