using Engine.DataPlane.Sad;

namespace Engine.DataPlane.Spd;

/// <summary>An installed entry with the binding that gives it its current outbound SA.</summary>
internal sealed class SpdEntryState
{
    public SpdEntryState(SpdEntry entry, OutboundSaBinding binding, long order)
    {
        Entry = entry;
        Binding = binding;
        Order = order;
    }

    public SpdEntry Entry { get; }

    public OutboundSaBinding Binding { get; }

    /// <summary>When it was added, to keep insertion order among equal priorities.</summary>
    public long Order { get; }
}
