namespace IpSecPolicy.Model.Compiler;

internal sealed partial class FilterIndex
{
    /// <summary>
    /// The filters of one tuple, keyed by their exact fields, with what a lookup needs to skip work:
    /// the earliest order (for the early exit) and the exact/any combinations present (bit
    /// <c>combination</c> of <see cref="Combinations"/>, where a combination is an OR of the Exact* flags).
    /// </summary>
    private sealed class Group
    {
        public const int ExactProtocol = 1;
        public const int ExactSourcePort = 2;
        public const int ExactDestinationPort = 4;

        // Sets of combinations (bit i = combination i) that leave the field "any": combinations
        // 0, 2, 4, 6 lack ExactProtocol; 0, 1, 4, 5 lack ExactSourcePort; 0 to 3 lack ExactDestinationPort.
        public const int WithoutExactProtocol = 0x55;
        public const int WithoutExactSourcePort = 0x33;
        public const int WithoutExactDestinationPort = 0x0F;

        // One of the two, by family (see NarrowEntry).
        private readonly Table<NarrowEntry>? narrow;
        private readonly Table<WideEntry>? wide;

        public Group(Tuple tuple, bool narrowEntries)
        {
            Tuple = tuple;
            if (narrowEntries)
            {
                narrow = new Table<NarrowEntry>();
            }
            else
            {
                wide = new Table<WideEntry>();
            }
        }

        public Tuple Tuple { get; }

        public int MinOrder { get; private set; } = int.MaxValue;

        public byte Combinations { get; private set; }

        /// <summary>Adds a filter; filters arrive in compiled order, so the first with a key keeps it.</summary>
        public void Add(EffectiveFilter filter)
        {
            if (!(narrow?.TryAdd(filter) ?? wide!.TryAdd(filter)))
            {
                return;
            }

            if (filter.Order < MinOrder)
            {
                MinOrder = filter.Order;
            }

            var combination = (filter.Protocol == 0 ? 0 : ExactProtocol)
                | (filter.SourcePort == 0 ? 0 : ExactSourcePort)
                | (filter.DestinationPort == 0 ? 0 : ExactDestinationPort);
            Combinations |= (byte)(1 << combination);
        }

        /// <summary>Called once every filter is in: lets the table build its summary.</summary>
        public void Seal()
        {
            narrow?.Seal();
            wide?.Seal();
        }

        /// <summary>The order of the filter with exactly these fields, or 0 when there is none.</summary>
        public int Find(Ip128 source, Ip128 destination, byte protocol, ushort sourcePort, ushort destinationPort) =>
            narrow is not null
                ? narrow.Find(source, destination, protocol, sourcePort, destinationPort)
                : wide!.Find(source, destination, protocol, sourcePort, destinationPort);
    }
}
