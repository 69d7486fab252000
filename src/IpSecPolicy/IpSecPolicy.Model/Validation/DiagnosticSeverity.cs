namespace IpSecPolicy.Model.Validation;

public enum DiagnosticSeverity
{
    Information,
    Warning,
    Error,
}
