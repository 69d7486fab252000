namespace Engine.Ike.Trace;

/// <summary>
/// Where the optional IKE trace goes (Set-IpSecConfiguration -IkeLogging). Called with the
/// engine's lock held.
/// </summary>
public interface IIkeTrace
{
    void Write(IkeTraceEntry entry);
}
