namespace Engine.Ike.Trace;

/// <summary>One line of the IKE trace, in the spirit of Windows' Oakley.log.</summary>
public sealed record IkeTraceEntry(DateTimeOffset Time, string IkeSaId, IkeTraceCategory Category, string Text)
{
    public override string ToString() => $"{Time:yyyy-MM-dd HH:mm:ss.fff} {IkeSaId} {Category}: {Text}";
}
