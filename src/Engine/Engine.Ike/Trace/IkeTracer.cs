using System.Runtime.CompilerServices;
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

    /// <summary>Whether a line of <paramref name="category"/> would be written now.</summary>
    public bool IsEnabled(IkeTraceCategory category) =>
        trace is { Enabled: true } && (category != IkeTraceCategory.Keys || IncludesKeys);

    /// <summary>A line formatted only when the trace takes it (<see cref="IkeTraceMessage"/>).</summary>
    public void Write(string ikeSaId, IkeTraceCategory category, [InterpolatedStringHandlerArgument("", "category")] ref IkeTraceMessage text)
    {
        if (text.IsEnabled)
        {
            trace!.Write(new IkeTraceEntry(scheduler.Now, ikeSaId, category, text.ToStringAndClear()));
        }
    }

    public void Write(string ikeSaId, IkeTraceCategory category, string text)
    {
        if (category == IkeTraceCategory.Keys && !IncludesKeys)
        {
            return;
        }

        if (trace is { Enabled: true })
        {
            trace.Write(new IkeTraceEntry(scheduler.Now, ikeSaId, category, text));
        }
    }

    public void Keys(string ikeSaId, string name, ReadOnlySpan<byte> value)
    {
        if (IncludesKeys && trace is { Enabled: true })
        {
            trace.Write(new IkeTraceEntry(scheduler.Now, ikeSaId, IkeTraceCategory.Keys, $"{name} = {Convert.ToHexString(value)}"));
        }
    }
}
