namespace IpSecPolicy.Model.Errors;

/// <summary>
/// Why a model operation was refused. Mirrors the PowerShell ErrorCategory values the module maps
/// to, without the model referencing PowerShell.
/// </summary>
public enum PolicyErrorCategory
{
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    ResourceExists,
    ResourceUnavailable,
    InvalidOperation,
    PermissionDenied,
    WriteError,
    ReadError,
}
