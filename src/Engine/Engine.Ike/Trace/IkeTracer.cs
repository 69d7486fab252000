using Engine.Ike.Scheduling;

namespace Engine.Ike.Trace;

/// <summary>
/// Writes trace lines when a trace is attached. Key material goes through <see cref="Keys"/>
/// only, which writes nothing unless the explicit opt-in is set.
/// </summary>
internal sealed class IkeTracer
{
    private readonly IIkeTrace? trace;
    private readonly JobScheduler scheduler;

    public IkeTracer(IIkeTrace? trace, JobScheduler scheduler, bool includeKeys)
    {
        this.trace = trace;
        this.scheduler = scheduler;
        IncludesKeys = includeKeys;
    }

    public bool IncludesKeys { get; }

    public void Write(string ikeSaId, IkeTraceCategory category, string text)
    {
        if (category == IkeTraceCategory.Keys && !IncludesKeys)
        {
            return;
        }

        trace?.Write(new IkeTraceEntry(scheduler.Now, ikeSaId, category, text));
    }

    public void Keys(string ikeSaId, string name, ReadOnlySpan<byte> value)
    {
        if (IncludesKeys && trace is not null)
        {
            trace.Write(new IkeTraceEntry(scheduler.Now, ikeSaId, IkeTraceCategory.Keys, $"{name} = {Convert.ToHexString(value)}"));
        }
    }
}
