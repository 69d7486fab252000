using System.Collections.Generic;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Audit;

/// <summary>The newest <see cref="Capacity"/> events in memory, oldest overwritten first. Not thread-safe: the trail locks.</summary>
internal sealed class AuditRing
{
    private readonly AuditEvent[] slots;
    private int next;
    private int count;

    public AuditRing(int capacity)
    {
        slots = new AuditEvent[capacity];
    }

    public int Capacity => slots.Length;

    public int Count => count;

    public void Add(AuditEvent item)
    {
        slots[next] = item;
        next = (next + 1) % slots.Length;
        if (count < slots.Length)
        {
            count++;
        }
    }

    /// <summary>The events, newest first.</summary>
    public IEnumerable<AuditEvent> NewestFirst()
    {
        for (var i = 1; i <= count; i++)
        {
            yield return slots[(next - i + slots.Length) % slots.Length];
        }
    }
}
