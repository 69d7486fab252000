using Engine.DataPlane.Abstractions;

namespace Engine.DataPlane.Sa;

/// <summary>The bind an SA sends through, remembered with the registry version it was chosen at.</summary>
internal sealed record BindChoice(IDatagramBind? Bind, int Version);
