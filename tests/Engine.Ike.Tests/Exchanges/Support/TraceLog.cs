using Engine.Ike.Trace;

namespace Engine.Ike.Tests.Exchanges.Support;

public sealed class TraceLog : IIkeTrace
{
    public List<IkeTraceEntry> Entries { get; } = [];

    public IEnumerable<string> Lines => Entries.Select(entry => entry.ToString());

    public void Write(IkeTraceEntry entry) => Entries.Add(entry);

    public override string ToString() => string.Join(Environment.NewLine, Lines);
}
