namespace IpSecPolicy.Model.Compiler;

internal sealed partial class FilterIndex
{
    /// <summary>
    /// What <see cref="Table{TEntry}"/> needs of its slots. A struct constraint, so that the JIT
    /// compiles the table once per entry type and calls these directly (no interface dispatch).
    /// An entry is empty when its order is 0: orders start at 1.
    /// </summary>
    private interface ITableEntry<TEntry>
        where TEntry : struct
    {
        bool IsEmpty { get; }

        int Order { get; }

        Ip128 Source { get; }

        Ip128 Destination { get; }

        /// <summary>Protocol and ports (40 bits).</summary>
        ulong Fields { get; }

        bool Holds(Ip128 source, Ip128 destination, ulong fields);

        /// <summary>A new entry (called on <c>default</c>: a factory without allocation).</summary>
        TEntry Create(Ip128 source, Ip128 destination, ulong fields, int order);
    }

    /// <summary>Any family: both 128-bit addresses, the fields and the order (48 bytes with padding).</summary>
    private readonly struct WideEntry : ITableEntry<WideEntry>
    {
        private WideEntry(Ip128 source, Ip128 destination, ulong fields, int order)
        {
            Source = source;
            Destination = destination;
            Fields = fields;
            Order = order;
        }

        public bool IsEmpty => Order == 0;

        public int Order { get; }

        public Ip128 Source { get; }

        public Ip128 Destination { get; }

        public ulong Fields { get; }

        public bool Holds(Ip128 source, Ip128 destination, ulong fields) =>
            Fields == fields && Source.Equals(source) && Destination.Equals(destination);

        public WideEntry Create(Ip128 source, Ip128 destination, ulong fields, int order) => new(source, destination, fields, order);
    }

    /// <summary>
    /// IPv4: both addresses in one word, the fields (40 bits) and the order (24 bits) in another:
    /// 16 bytes, four to a cache line, a third of a <see cref="WideEntry"/>. Only for policies of
    /// fewer than <see cref="MaxOrder"/> effective filters.
    /// </summary>
    private readonly struct NarrowEntry : ITableEntry<NarrowEntry>
    {
        public const int MaxOrder = (1 << 24) - 1;

        private readonly ulong addresses;
        private readonly ulong fieldsAndOrder;

        private NarrowEntry(ulong addresses, ulong fieldsAndOrder)
        {
            this.addresses = addresses;
            this.fieldsAndOrder = fieldsAndOrder;
        }

        public bool IsEmpty => fieldsAndOrder == 0;

        public int Order => (int)(fieldsAndOrder >> 40);

        public Ip128 Source => new(0, addresses >> 32);

        public Ip128 Destination => new(0, addresses & 0xFFFF_FFFF);

        public ulong Fields => fieldsAndOrder & 0xFF_FFFF_FFFF;

        public bool Holds(Ip128 source, Ip128 destination, ulong fields) =>
            addresses == (source.Low << 32 | destination.Low) && Fields == fields;

        public NarrowEntry Create(Ip128 source, Ip128 destination, ulong fields, int order) =>
            new(source.Low << 32 | destination.Low, (ulong)order << 40 | fields);
    }
}
