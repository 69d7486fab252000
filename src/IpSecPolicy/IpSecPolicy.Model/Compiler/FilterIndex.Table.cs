namespace IpSecPolicy.Model.Compiler;

internal sealed partial class FilterIndex
{
    /// <summary>
    /// One group's filters by their exact fields: an open-addressing hash table (linear probing, at
    /// most half full) of value-type entries in one array, each holding the filter's order (the
    /// index resolves the order to the filter once, at the end of a lookup). The entry type is
    /// <see cref="NarrowEntry"/> (16 bytes) for IPv4 and <see cref="WideEntry"/> (48) for IPv6.
    /// </summary>
    /// <remarks>
    /// At 100,000 filters the tables are megabytes, and a lookup probes every group that could
    /// still decide, most of which hold nothing for the packet: each such probe used to be a cache
    /// miss to learn "not here". A large table therefore carries a summary, a blocked Bloom filter
    /// (Putze, Sanders and Singler, "Cache-, hash- and space-efficient Bloom filters", 2007): two
    /// bits per filter in one 64-bit word chosen by the key's hash, about ten bits per filter, small
    /// enough to stay in the core's L2 cache. A probe reads its word first and goes to the table
    /// only when both bits are set: for every key present, and for a few percent of the others.
    /// Small tables (in L1 anyway) have no summary: reading it would only add work.
    /// </remarks>
    private sealed class Table<TEntry>
        where TEntry : struct, ITableEntry<TEntry>
    {
        /// <summary>Tables with more filters than this get a summary (their entries no longer fit a few KB).</summary>
        private const int SummaryThreshold = 64;

        private const int SummaryBitsPerFilter = 10;

        private TEntry[] entries = new TEntry[8];
        private ulong[]? summary;
        private int count;

        /// <summary>Adds a filter unless one with the same fields is there already (the earlier one decides).</summary>
        public bool TryAdd(EffectiveFilter filter)
        {
            var fields = Fields(filter.Protocol, filter.SourcePort, filter.DestinationPort);
            var source = filter.Source.Start;
            var destination = filter.Destination.Start;
            var hash = Hash(source, destination, fields);
            if (FindInTable(source, destination, fields, hash) != 0)
            {
                return false;
            }

            if ((count + 1) * 2 > entries.Length)
            {
                Grow();
            }

            Insert(entries, default(TEntry).Create(source, destination, fields, filter.Order), hash);
            count++;
            summary = null;
            return true;
        }

        /// <summary>Builds the summary once every filter is in (a table that changes afterwards drops it).</summary>
        public void Seal()
        {
            if (count <= SummaryThreshold)
            {
                summary = null;
                return;
            }

            var words = new ulong[(count * SummaryBitsPerFilter + 63) / 64];
            foreach (var entry in entries)
            {
                if (!entry.IsEmpty)
                {
                    var hash = Hash(entry.Source, entry.Destination, entry.Fields);
                    words[SummaryWord(hash, words.Length)] |= SummaryBits(hash);
                }
            }

            summary = words;
        }

        /// <summary>The order of the filter with exactly these fields, or 0 when there is none.</summary>
        public int Find(Ip128 source, Ip128 destination, byte protocol, ushort sourcePort, ushort destinationPort)
        {
            var fields = Fields(protocol, sourcePort, destinationPort);
            var hash = Hash(source, destination, fields);
            var words = summary;
            if (words is not null)
            {
                var bits = SummaryBits(hash);
                if ((words[SummaryWord(hash, words.Length)] & bits) != bits)
                {
                    return 0;
                }
            }

            return FindInTable(source, destination, fields, hash);
        }

        /// <summary>Protocol and ports in 40 bits: what an entry stores beside the addresses.</summary>
        private static ulong Fields(byte protocol, ushort sourcePort, ushort destinationPort) =>
            (ulong)protocol << 32 | (ulong)sourcePort << 16 | destinationPort;

        private static ulong Hash(Ip128 source, Ip128 destination, ulong fields)
        {
            // Multiply-xorshift mixing (as in splitmix64): every input bit reaches the high bits,
            // and the final shift brings them down to the low bits the summary uses.
            const ulong K = 0x9E3779B97F4A7C15;
            unchecked
            {
                var h = (source.High ^ (source.Low * K)) * K;
                h = (h ^ destination.High ^ (destination.Low * K)) * K;
                h = (h ^ fields) * K;
                return h ^ (h >> 29);
            }
        }

        private static int Slot(ulong hash, int mask) => (int)(hash >> 32) & mask;

        // The word by the high half (multiply-shift maps it onto any length), the two bits by the low 12 bits.
        private static int SummaryWord(ulong hash, int length) => (int)(((hash >> 32) * (ulong)length) >> 32);

        private static ulong SummaryBits(ulong hash) => 1UL << (int)(hash & 63) | 1UL << (int)((hash >> 6) & 63);

        private static void Insert(TEntry[] table, TEntry entry, ulong hash)
        {
            var mask = table.Length - 1;
            var slot = Slot(hash, mask);
            while (!table[slot].IsEmpty)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = entry;
        }

        private int FindInTable(Ip128 source, Ip128 destination, ulong fields, ulong hash)
        {
            var table = entries;
            var mask = table.Length - 1;
            var slot = Slot(hash, mask);
            while (true)
            {
                ref readonly var entry = ref table[slot];
                if (entry.IsEmpty)
                {
                    return 0;
                }

                if (entry.Holds(source, destination, fields))
                {
                    return entry.Order;
                }

                slot = (slot + 1) & mask;
            }
        }

        private void Grow()
        {
            var larger = new TEntry[entries.Length * 2];
            foreach (var entry in entries)
            {
                if (!entry.IsEmpty)
                {
                    Insert(larger, entry, Hash(entry.Source, entry.Destination, entry.Fields));
                }
            }

            entries = larger;
        }
    }
}
