namespace Engine.Ike.Trace;

/// <summary>
/// Where the optional IKE trace goes (Set-IpSecConfiguration -IkeLogging). Called with the
/// engine's lock held.
/// </summary>
public interface IIkeTrace
{
    /// <summary>Whether entries are written now; when not, the engine does not even format them.</summary>
    bool Enabled => true;

    void Write(IkeTraceEntry entry);
}
