using System.Collections.Generic;

namespace IpSecPolicy.Model.Compiler;

internal sealed partial class FilterIndex
{
    /// <summary>
    /// One group's filters by their exact fields: an open-addressing hash table (linear probing, at
    /// most half full) of value-type entries in one array. At 100,000 filters a lookup's cost is
    /// waiting on memory; a probe here reads one or two adjacent cache lines and no object, where a
    /// <c>Dictionary</c> reads its bucket array, then its entry array, then the filter for its order.
    /// </summary>
    private sealed class Table
    {
        private const ulong Occupied = 1UL << 63;
        private readonly List<EffectiveFilter> filters = new();
        private Entry[] entries = new Entry[8];

        /// <summary>Adds a filter unless one with the same fields is there already (the earlier one decides).</summary>
        public bool TryAdd(EffectiveFilter filter)
        {
            var fields = Fields(filter.Protocol, filter.SourcePort, filter.DestinationPort);
            if (Find(filter.Source.Start, filter.Destination.Start, fields) >= 0)
            {
                return false;
            }

            if ((filters.Count + 1) * 2 > entries.Length)
            {
                Grow();
            }

            Insert(entries, new Entry(filter.Source.Start, filter.Destination.Start, fields, filter.Order, filters.Count));
            filters.Add(filter);
            return true;
        }

        /// <summary>The filter with exactly these fields if its order is below <paramref name="before"/>, else null.</summary>
        public EffectiveFilter? Find(Ip128 source, Ip128 destination, byte protocol, ushort sourcePort, ushort destinationPort, int before)
        {
            var slot = Find(source, destination, Fields(protocol, sourcePort, destinationPort));
            return slot >= 0 && entries[slot].Order < before ? filters[entries[slot].Index] : null;
        }

        private static ulong Fields(byte protocol, ushort sourcePort, ushort destinationPort) =>
            Occupied | (ulong)protocol << 32 | (ulong)sourcePort << 16 | destinationPort;

        private static int Hash(Ip128 source, Ip128 destination, ulong fields, int mask)
        {
            // Multiply-xorshift mixing (as in splitmix64): every input bit reaches the high bits kept.
            const ulong K = 0x9E3779B97F4A7C15;
            unchecked
            {
                var h = (source.High ^ (source.Low * K)) * K;
                h = (h ^ destination.High ^ (destination.Low * K)) * K;
                h = (h ^ fields) * K;
                return (int)(h >> 32) & mask;
            }
        }

        private static void Insert(Entry[] table, Entry entry)
        {
            var mask = table.Length - 1;
            var slot = Hash(entry.Source, entry.Destination, entry.Fields, mask);
            while (table[slot].Fields != 0)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = entry;
        }

        private int Find(Ip128 source, Ip128 destination, ulong fields)
        {
            var table = entries;
            var mask = table.Length - 1;
            var slot = Hash(source, destination, fields, mask);
            while (true)
            {
                ref readonly var entry = ref table[slot];
                if (entry.Fields == 0)
                {
                    return -1;
                }

                if (entry.Fields == fields && entry.Source.Equals(source) && entry.Destination.Equals(destination))
                {
                    return slot;
                }

                slot = (slot + 1) & mask;
            }
        }

        private void Grow()
        {
            var larger = new Entry[entries.Length * 2];
            foreach (var entry in entries)
            {
                if (entry.Fields != 0)
                {
                    Insert(larger, entry);
                }
            }

            entries = larger;
        }
    }

    /// <summary>A table slot; <see cref="Fields"/> 0 marks it empty (a used slot has its top bit set).</summary>
    private readonly struct Entry
    {
        public Entry(Ip128 source, Ip128 destination, ulong fields, int order, int index)
        {
            Source = source;
            Destination = destination;
            Fields = fields;
            Order = order;
            Index = index;
        }

        public Ip128 Source { get; }

        public Ip128 Destination { get; }

        public ulong Fields { get; }

        public int Order { get; }

        public int Index { get; }
    }
}
