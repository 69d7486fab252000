using System;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Numerics;
using System.Threading;
using Engine.DataPlane.Ip;

namespace Engine.DataPlane.Spd;

/// <summary>
/// The SPD's lookup structure for many entries: a tuple-space search (Srinivasan, Suri and
/// Varghese, SIGCOMM 1999), the scheme of the policy compiler's FilterIndex. Entries whose selector
/// has prefixes on both sides, one protocol or any, and one port or any on each side (what a
/// compiled policy's filters and IKEv1's IDs give) are grouped by (family, local prefix length,
/// remote prefix length); within a group a hash table maps the exact key (masked addresses,
/// protocol, ports) to the entries with that key, best first. A lookup probes each group once per
/// exact/any combination the group holds, so it costs O(groups), not O(entries). Groups are kept
/// in the order of their best entry, and a lookup stops at the first group that cannot beat the
/// match in hand (priorities follow the policy's most-specific-first order, so a packet that hits
/// a host entry rarely looks further). Entries with a from-to range or a port range are kept in a
/// short list scanned in order.
/// </summary>
/// <remarks>
/// <para>
/// Most probes look for a key that is not there. A group of more than <see cref="SummaryThreshold"/>
/// entries has a summary in front of its table, a blocked Bloom filter (two bits in one 64-bit word
/// per key, about 16 bits per entry): a probe whose bits are not both set skips the table, so at
/// 100,000 entries a miss costs one read of a summary that stays in the L2 cache instead of a walk
/// through the table's buckets and nodes. Bits are only ever set; the summary is rebuilt from the
/// table when the group outgrows it or when removals have left it stale.
/// </para>
/// <para>
/// Changed only under the SPD's lock; read without a lock by every packet worker. The tables are
/// <see cref="ConcurrentDictionary{TKey,TValue}"/> (lock-free reads) whose values carry the best
/// entry's priority and age, so that comparing candidates reads no entry; a key's entries are an
/// immutable array replaced whole, and the group list, the range list and a rebuilt summary are
/// replaced whole too. A reader therefore sees each key before or after a change, never half of
/// one. An entry replaced under the same id is added before the old one goes, so a packet racing
/// the change finds one of them.
/// </para>
/// </remarks>
internal sealed class SpdIndex
{
    /// <summary>Groups with more entries than this get a summary (below, the table is in cache anyway).</summary>
    private const int SummaryThreshold = 64;

    private const int SummaryBitsPerEntry = 16;

    private const int ExactProtocol = 1;
    private const int ExactLocalPort = 2;
    private const int ExactRemotePort = 4;

    // Combinations (bit i = combination i) without an exact port: 0 and ExactProtocol. Specific
    // ports never match a packet whose ports are OPAQUE (RFC 4301 section 4.4.1.1).
    private const int WithoutExactPorts = 0b11;

    private Group[] groups = [];
    private SpdEntryState[] ranges = [];

    public void Add(SpdEntryState state)
    {
        if (!TryKey(state.Entry.Selector, out var family, out var localHostBits, out var remoteHostBits, out var key))
        {
            Volatile.Write(ref ranges, Inserted(ranges, state));
            return;
        }

        var group = Array.Find(groups, g => g.Family == family && g.LocalHostBits == localHostBits && g.RemoteHostBits == remoteHostBits);
        var reorder = group is null;
        group ??= new Group(family, localHostBits, remoteHostBits);
        Volatile.Write(ref group.Combinations, group.Combinations | 1 << key.Combination);
        if (group.First is null || Precedes(state, group.First))
        {
            Volatile.Write(ref group.First, state);
            reorder = true;
        }

        if (reorder)
        {
            // The early exit in Lookup needs the groups in the order of their best entry.
            Group[] sorted = [.. Array.FindAll(groups, other => other != group), group];
            Array.Sort(sorted, static (a, b) => a == b ? 0 : Precedes(a.First!, b.First!) ? -1 : 1);
            Volatile.Write(ref groups, sorted);
        }

        // The summary first: a reader that finds the key in the table must not be turned away by it.
        group.Count++;
        group.Summarize(key);
        var bucket = Inserted(group.Table.TryGetValue(key, out var slot) ? slot.Entries : [], state);
        group.Table[key] = new Slot(bucket);
    }

    public void Remove(SpdEntryState state)
    {
        if (!TryKey(state.Entry.Selector, out var family, out var localHostBits, out var remoteHostBits, out var key))
        {
            Volatile.Write(ref ranges, Array.FindAll(ranges, other => !ReferenceEquals(other, state)));
            return;
        }

        var group = Array.Find(groups, g => g.Family == family && g.LocalHostBits == localHostBits && g.RemoteHostBits == remoteHostBits);
        if (group is null || !group.Table.TryGetValue(key, out var slot) || Array.IndexOf(slot.Entries, state) < 0)
        {
            return;
        }

        var remaining = Array.FindAll(slot.Entries, other => !ReferenceEquals(other, state));
        if (remaining.Length == 0)
        {
            group.Table.TryRemove(key, out _);
        }
        else
        {
            group.Table[key] = new Slot(remaining);
        }

        group.Count--;
        group.Removed++;
        if (group.Count == 0)
        {
            Volatile.Write(ref groups, Array.FindAll(groups, other => other != group));
        }
    }

    /// <summary>The first entry (by priority, then age) whose selector matches the outbound packet, or null.</summary>
    public SpdEntryState? Lookup(in IpPacketFields packet)
    {
        // The best match so far, compared by the slot's copy of its rank (no entry is read).
        SpdEntryState[]? best = null;
        var bestPriority = int.MaxValue;
        var bestOrder = long.MaxValue;
        foreach (var group in Volatile.Read(ref groups))
        {
            if (best is not null && Precedes(bestPriority, bestOrder, Volatile.Read(ref group.First)!))
            {
                // This group's best comes after the match in hand, and so does every later group's.
                break;
            }

            if (group.Family != AddressFamily.Unspecified && group.Family != packet.Family)
            {
                continue;
            }

            var local = packet.Source & group.LocalMask;
            var remote = packet.Destination & group.RemoteMask;
            var summary = Volatile.Read(ref group.Summary);
            var combinations = Volatile.Read(ref group.Combinations);
            if (!packet.PortsKnown)
            {
                combinations &= WithoutExactPorts;
            }

            while (combinations != 0)
            {
                var combination = BitOperations.TrailingZeroCount(combinations);
                combinations &= combinations - 1;
                var key = new Key(local, remote, combination,
                    (combination & ExactProtocol) != 0 ? packet.Protocol : (byte)0,
                    (combination & ExactLocalPort) != 0 ? packet.SourcePort : (ushort)0,
                    (combination & ExactRemotePort) != 0 ? packet.DestinationPort : (ushort)0);
                if ((summary is null || Bloom.MayContain(summary, key.Hash))
                    && group.Table.TryGetValue(key, out var slot)
                    && (slot.Priority < bestPriority || (slot.Priority == bestPriority && slot.Order < bestOrder)))
                {
                    best = slot.Entries;
                    bestPriority = slot.Priority;
                    bestOrder = slot.Order;
                }
            }
        }

        foreach (var state in Volatile.Read(ref ranges))
        {
            if (best is not null && !Precedes(state.Entry.Priority, state.Order, bestPriority, bestOrder))
            {
                // The list is in lookup order: nothing after this one can come first either.
                break;
            }

            if (state.Entry.Selector.MatchesOutbound(packet))
            {
                return state;
            }
        }

        return best?[0];
    }

    /// <summary>Lookup order: lower priority value first, then the earlier added.</summary>
    public static bool Precedes(SpdEntryState a, SpdEntryState b) => Precedes(a.Entry.Priority, a.Order, b.Entry.Priority, b.Order);

    private static bool Precedes(int priority, long order, SpdEntryState other) => Precedes(priority, order, other.Entry.Priority, other.Order);

    private static bool Precedes(int priority, long order, int otherPriority, long otherOrder) =>
        priority != otherPriority ? priority < otherPriority : order < otherOrder;

    /// <summary>A copy of <paramref name="sorted"/> with <paramref name="state"/> in its place in lookup order.</summary>
    private static SpdEntryState[] Inserted(SpdEntryState[] sorted, SpdEntryState state)
    {
        var at = 0;
        while (at < sorted.Length && Precedes(sorted[at], state))
        {
            at++;
        }

        var result = new SpdEntryState[sorted.Length + 1];
        Array.Copy(sorted, result, at);
        result[at] = state;
        Array.Copy(sorted, at, result, at + 1, sorted.Length - at);
        return result;
    }

    /// <summary>Where a selector goes in the index; false for one that needs a scan (a from-to range, a port range).</summary>
    private static bool TryKey(TrafficSelector selector, out AddressFamily family, out int localHostBits, out int remoteHostBits, out Key key)
    {
        family = AddressFamily.Unspecified;
        localHostBits = remoteHostBits = 0;
        key = default;
        var localFamily = selector.LocalAddresses.Family;
        var remoteFamily = selector.RemoteAddresses.Family;
        if (localFamily != AddressFamily.Unspecified && remoteFamily != AddressFamily.Unspecified && localFamily != remoteFamily)
        {
            // Matches nothing; the scan finds that out as before.
            return false;
        }

        family = localFamily != AddressFamily.Unspecified ? localFamily : remoteFamily;
        if (!TryHostBits(selector.LocalAddresses, out localHostBits) || !TryHostBits(selector.RemoteAddresses, out remoteHostBits)
            || !TryPort(selector.LocalPorts, out var localPort, out var localExact)
            || !TryPort(selector.RemotePorts, out var remotePort, out var remoteExact))
        {
            return false;
        }

        var combination = (selector.Protocol != 0 ? ExactProtocol : 0) | (localExact ? ExactLocalPort : 0) | (remoteExact ? ExactRemotePort : 0);
        key = new Key(selector.LocalAddresses.First, selector.RemoteAddresses.First, combination, selector.Protocol, localPort, remotePort);
        return true;
    }

    /// <summary>The number of host bits when the range is a prefix (aligned, a power of two in size).</summary>
    private static bool TryHostBits(AddressRange range, out int hostBits)
    {
        var span = range.Last - range.First;
        hostBits = (int)UInt128.PopCount(span);
        return (span & (span + 1)) == UInt128.Zero && (range.First & span) == UInt128.Zero;
    }

    private static bool TryPort(PortRange range, out ushort port, out bool exact)
    {
        exact = range.First == range.Last;
        port = exact ? range.First : (ushort)0;
        return exact || range.IsAny;
    }

    private static UInt128 MaskOf(int hostBits) => hostBits >= 128 ? UInt128.Zero : ~((UInt128.One << hostBits) - UInt128.One);

    /// <summary>The entries of one (family, local prefix length, remote prefix length).</summary>
    private sealed class Group(AddressFamily family, int localHostBits, int remoteHostBits)
    {
        /// <summary>Unspecified for selectors that take both families (Any on both sides).</summary>
        public AddressFamily Family { get; } = family;

        public int LocalHostBits { get; } = localHostBits;

        public int RemoteHostBits { get; } = remoteHostBits;

        public UInt128 LocalMask { get; } = MaskOf(localHostBits);

        public UInt128 RemoteMask { get; } = MaskOf(remoteHostBits);

        /// <summary>Each key's entries in lookup order (never empty), with the first one's rank.</summary>
        public ConcurrentDictionary<Key, Slot> Table { get; } = new();

        /// <summary>Bit c set when some entry uses exact/any combination c; only ever grows.</summary>
        public int Combinations;

        /// <summary>
        /// The best entry ever added (lookup order); it stays when removed, which only makes the
        /// early exit more cautious. Set before the group is published, so never null in a lookup.
        /// </summary>
        public SpdEntryState? First;

        /// <summary>The table's summary; null while the group is small.</summary>
        public ulong[]? Summary;

        /// <summary>Entries in the group, and removals since the summary was built (under the SPD's lock).</summary>
        public int Count;

        public int Removed;

        // Keys the summary was sized for.
        private int summaryCapacity;

        /// <summary>Sets the key's bits in the summary, or builds a new one when it is missing, too small or stale.</summary>
        public void Summarize(Key key)
        {
            if (Count <= SummaryThreshold)
            {
                return;
            }

            if (Summary is { } words && Count <= summaryCapacity && Removed <= summaryCapacity / 2)
            {
                Volatile.Write(ref words[Bloom.Word(key.Hash, words.Length)], words[Bloom.Word(key.Hash, words.Length)] | Bloom.Bits(key.Hash));
                return;
            }

            summaryCapacity = 2 * Count;
            var rebuilt = new ulong[(summaryCapacity * SummaryBitsPerEntry + 63) / 64];
            Bloom.Add(rebuilt, key.Hash);
            foreach (var existing in Table.Keys)
            {
                Bloom.Add(rebuilt, existing.Hash);
            }

            Removed = 0;
            Volatile.Write(ref Summary, rebuilt);
        }
    }

    /// <summary>
    /// A blocked Bloom filter over 64-bit key hashes (Putze, Sanders and Singler, "Cache-, hash- and
    /// space-efficient Bloom filters", 2007): the word by the hash's high half, two bits in it by its low 12 bits.
    /// </summary>
    private static class Bloom
    {
        public static int Word(ulong hash, int length) => (int)(((hash >> 32) * (ulong)length) >> 32);

        public static ulong Bits(ulong hash) => 1UL << (int)(hash & 63) | 1UL << (int)((hash >> 6) & 63);

        public static void Add(ulong[] words, ulong hash) => words[Word(hash, words.Length)] |= Bits(hash);

        public static bool MayContain(ulong[] words, ulong hash)
        {
            var bits = Bits(hash);
            return (words[Word(hash, words.Length)] & bits) == bits;
        }
    }

    /// <summary>A key's entries and the rank (priority, age) of the first, copied so that a lookup compares without reading it.</summary>
    private readonly struct Slot(SpdEntryState[] entries)
    {
        public SpdEntryState[] Entries { get; } = entries;

        public int Priority { get; } = entries[0].Entry.Priority;

        public long Order { get; } = entries[0].Order;
    }

    /// <summary>Masked addresses, the exact/any combination and the exact values (0 where "any").</summary>
    private readonly struct Key(UInt128 local, UInt128 remote, int combination, byte protocol, ushort localPort, ushort remotePort) : IEquatable<Key>
    {
        private readonly UInt128 local = local;
        private readonly UInt128 remote = remote;
        private readonly ulong rest = (ulong)combination << 40 | (ulong)protocol << 32 | (ulong)localPort << 16 | remotePort;

        public int Combination => (int)(rest >> 40);

        /// <summary>Multiply-xorshift mixing of the 64-bit halves (as in splitmix64); the table and the summary use it.</summary>
        public ulong Hash
        {
            get
            {
                const ulong K = 0x9E3779B97F4A7C15;
                unchecked
                {
                    var h = ((ulong)(local >> 64) ^ ((ulong)local * K)) * K;
                    h = (h ^ (ulong)(remote >> 64) ^ ((ulong)remote * K)) * K;
                    h = (h ^ rest) * K;
                    return h ^ (h >> 29);
                }
            }
        }

        public bool Equals(Key other) => rest == other.rest && local == other.local && remote == other.remote;

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => (int)(Hash >> 32);
    }
}
