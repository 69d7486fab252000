namespace Engine.Ike.Kernel;

/// <summary>What the data plane counted for one SA.</summary>
public readonly record struct KernelSaUsage(ulong Bytes, ulong Packets, DateTimeOffset? LastUsed);
