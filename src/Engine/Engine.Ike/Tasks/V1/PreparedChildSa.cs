using Engine.Ike.Sa;

namespace Engine.Ike.Tasks.V1;

/// <summary>A negotiated child SA with its keys, not yet (or only inbound) in the kernel, and when it should be rekeyed.</summary>
internal sealed record PreparedChildSa(ChildSa Child, TimeSpan SoftLifetime);
