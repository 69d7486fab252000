namespace Engine.DataPlane.Spd;

/// <summary>A packet kept while its SA is negotiated: a pool buffer with the packet at head room.</summary>
internal readonly record struct HeldPacket(byte[] Buffer, int Length, long HeldAt);
