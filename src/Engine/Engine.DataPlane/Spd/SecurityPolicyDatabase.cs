using System;
using System.Collections.Generic;
using System.Threading;
using Engine.DataPlane.Ip;
using Engine.DataPlane.Sad;

namespace Engine.DataPlane.Spd;

/// <summary>
/// The outbound SPD: entries ordered by priority, looked up first match wins. Reads are lock-free,
/// because lookups happen per packet on every worker while changes happen when IKE or the host
/// installs policy.
/// </summary>
/// <remarks>
/// A few entries (up to <see cref="ScanLimit"/>) are scanned in order from an immutable array
/// that each change copies: nothing is faster for a handful. A policy of many negotiate filters
/// (one trap entry each, 100,000 in the scale benchmark) is looked up through
/// <see cref="SpdIndex"/>, whose cost follows the number of distinct prefix-length pairs rather than
/// the number of entries, and which takes a change in O(1) rather than a copy and sort of every
/// entry (the host installs a policy's traps one by one). The array in lookup order is then only
/// built when asked for (<see cref="Entries"/>).
/// </remarks>
internal sealed class SecurityPolicyDatabase
{
    /// <summary>Up to this many entries a lookup scans them in order.</summary>
    public const int ScanLimit = 16;

    private static readonly IComparer<SpdEntryState> LookupOrder =
        Comparer<SpdEntryState>.Create(static (left, right) => left == right ? 0 : SpdIndex.Precedes(left, right) ? -1 : 1);

    private readonly Lock gate = new();
    private readonly Dictionary<int, SpdEntryState> byId = new();
    private readonly SpdIndex index = new();
    private readonly Dictionary<OutboundSaBinding, int> entriesByBinding = new(ReferenceEqualityComparer.Instance);

    // Every entry in lookup order while there are few (what Lookup scans), else null.
    private SpdEntryState[]? scanned = [];

    // Every entry in lookup order, built on demand when there are many; null when out of date.
    private SpdEntryState[]? ordered = [];
    private long nextOrder;

    /// <summary>Every entry in lookup order (a snapshot).</summary>
    public SpdEntryState[] Entries
    {
        get
        {
            if (Volatile.Read(ref ordered) is { } current)
            {
                return current;
            }

            lock (gate)
            {
                ordered ??= Sorted();
                return ordered;
            }
        }
    }

    public void Add(SpdEntry entry, OutboundSaBinding binding)
    {
        lock (gate)
        {
            var state = new SpdEntryState(entry, binding, nextOrder++);
            index.Add(state);
            entriesByBinding[binding] = entriesByBinding.GetValueOrDefault(binding) + 1;
            if (byId.Remove(entry.Id, out var replaced))
            {
                index.Remove(replaced);
                Forget(replaced.Binding);
            }

            byId.Add(entry.Id, state);
            Changed();
        }
    }

    public SpdEntryState? Remove(int id)
    {
        lock (gate)
        {
            if (!byId.Remove(id, out var removed))
            {
                return null;
            }

            index.Remove(removed);
            Forget(removed.Binding);
            if (byId.Count > ScanLimit && ordered is { } current)
            {
                // Keep the snapshot rather than sort it again: removing a policy's entries one by one
                // asks for it after each (IpsecDataPlane.RemovePolicy). It is sorted, so the entry is
                // found by binary search and the copy is one block move either side.
                var at = Array.BinarySearch(current, removed, LookupOrder);
                var updated = new SpdEntryState[current.Length - 1];
                Array.Copy(current, 0, updated, 0, at);
                Array.Copy(current, at + 1, updated, at, current.Length - at - 1);
                Volatile.Write(ref ordered, updated);
            }
            else
            {
                Changed();
            }

            return removed;
        }
    }

    /// <summary>True while some entry sends its packets to <paramref name="binding"/> (O(1), unlike a look through <see cref="Entries"/>).</summary>
    public bool HasEntriesFor(OutboundSaBinding binding)
    {
        lock (gate)
        {
            return entriesByBinding.ContainsKey(binding);
        }
    }

    /// <summary>The first entry whose selector matches the outbound packet, or null.</summary>
    public SpdEntryState? Lookup(in IpPacketFields packet)
    {
        if (Volatile.Read(ref scanned) is not { } few)
        {
            return index.Lookup(packet);
        }

        foreach (var state in few)
        {
            if (state.Entry.Selector.MatchesOutbound(packet))
            {
                return state;
            }
        }

        return null;
    }

    /// <summary>After a change, under the lock: the scan array for a few entries, or the index alone.</summary>
    private void Changed()
    {
        if (byId.Count <= ScanLimit)
        {
            var few = Sorted();
            Volatile.Write(ref scanned, few);
            Volatile.Write(ref ordered, few);
        }
        else
        {
            // The index is complete before the scan array goes, so a lookup always has one of them.
            Volatile.Write(ref scanned, null);
            Volatile.Write(ref ordered, null);
        }
    }

    private void Forget(OutboundSaBinding binding)
    {
        if (entriesByBinding[binding] == 1)
        {
            entriesByBinding.Remove(binding);
        }
        else
        {
            entriesByBinding[binding]--;
        }
    }

    private SpdEntryState[] Sorted()
    {
        var all = new SpdEntryState[byId.Count];
        byId.Values.CopyTo(all, 0);
        Array.Sort(all, LookupOrder);
        return all;
    }
}
