namespace IpSecPolicy.Control.Results;

/// <summary>The Windows Security log's keywords: Audit Success and Audit Failure.</summary>
public enum AuditOutcome
{
    Success,
    Failure,
}
