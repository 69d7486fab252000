using System;
using System.Threading;
using Engine.DataPlane.Ip;
using Engine.DataPlane.Sad;

namespace Engine.DataPlane.Spd;

/// <summary>
/// The outbound SPD: entries ordered by priority, looked up first match wins. Reads are lock-free
/// over an immutable array that changes are copied into, because lookups happen per packet on
/// every worker while changes happen when IKE or the host installs policy. The "negotiate"
/// selectors that reach the data plane are few (permit/block never do), so a linear scan of a
/// short array is the fastest lookup there is.
/// </summary>
internal sealed class SecurityPolicyDatabase
{
    private readonly Lock gate = new();
    private SpdEntryState[] entries = [];
    private long nextOrder;

    public SpdEntryState[] Entries => Volatile.Read(ref entries);

    public void Add(SpdEntry entry, OutboundSaBinding binding)
    {
        lock (gate)
        {
            var current = entries;
            var existing = Array.FindIndex(current, state => state.Entry.Id == entry.Id);
            var updated = new SpdEntryState[existing >= 0 ? current.Length : current.Length + 1];
            var count = 0;
            foreach (var state in current)
            {
                if (state.Entry.Id != entry.Id)
                {
                    updated[count++] = state;
                }
            }

            updated[count] = new SpdEntryState(entry, binding, nextOrder++);
            Array.Sort(updated, static (left, right) =>
                left.Entry.Priority != right.Entry.Priority ? left.Entry.Priority.CompareTo(right.Entry.Priority) : left.Order.CompareTo(right.Order));
            Volatile.Write(ref entries, updated);
        }
    }

    public SpdEntryState? Remove(int id)
    {
        lock (gate)
        {
            var current = entries;
            var index = Array.FindIndex(current, state => state.Entry.Id == id);
            if (index < 0)
            {
                return null;
            }

            var updated = new SpdEntryState[current.Length - 1];
            Array.Copy(current, 0, updated, 0, index);
            Array.Copy(current, index + 1, updated, index, current.Length - index - 1);
            Volatile.Write(ref entries, updated);
            return current[index];
        }
    }

    /// <summary>The first entry whose selector matches the outbound packet, or null.</summary>
    public SpdEntryState? Lookup(in IpPacketFields packet)
    {
        foreach (var state in Volatile.Read(ref entries))
        {
            if (state.Entry.Selector.MatchesOutbound(packet))
            {
                return state;
            }
        }

        return null;
    }
}
