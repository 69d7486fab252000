using Engine.Ike.Kernel;

namespace Engine.Ike.Sa;

/// <summary>One protocol of a quick mode's SA bundle (AH or ESP) with its two directions.</summary>
internal sealed record ChildSaProtocol(IpsecProtocol Protocol, KernelSa Inbound, KernelSa Outbound);
