using System.Threading;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// One packet loop's global counters. Only its own thread writes them (plain adds, no interlocked
/// traffic on a shared line); statistics read them from any thread, a long at a time. Padded on
/// both sides so two workers' arrays never share a cache line.
/// </summary>
internal sealed class WorkerCounters
{
    private const int Padding = 8;
    private readonly long[] values = new long[(int)DataPlaneCounter.Count + 2 * Padding];

    public void Increment(DataPlaneCounter counter) => values[Padding + (int)counter]++;

    public void Add(DataPlaneCounter counter, long amount) => values[Padding + (int)counter] += amount;

    public void AddTo(long[] totals)
    {
        for (var i = 0; i < (int)DataPlaneCounter.Count; i++)
        {
            totals[i] += Volatile.Read(ref values[Padding + i]);
        }
    }
}
