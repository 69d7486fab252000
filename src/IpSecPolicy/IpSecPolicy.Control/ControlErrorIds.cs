namespace IpSecPolicy.Control;

/// <summary>
/// Error ids the engine answers with that are about the control call itself. Refusals of the policy
/// work pass on the model's ids (e.g. StoreCorrupt, InterfaceNotFound) unchanged.
/// </summary>
public static class ControlErrorIds
{
    /// <summary>The request names a command this engine does not have.</summary>
    public const string UnknownCommand = "UnknownCommand";

    /// <summary>An argument is missing, of the wrong type or out of range.</summary>
    public const string InvalidArgument = "InvalidControlArgument";

    /// <summary>The engine is shutting down and takes no more work.</summary>
    public const string EngineStopping = "EngineStopping";

    /// <summary>The engine failed in a way it did not expect; its log has the details.</summary>
    public const string InternalError = "EngineInternalError";
}
