using System.Net;

namespace Engine.Ike.Kernel;

/// <summary>
/// The boundary between IKE and whatever carries ESP/AH (strongSwan's kernel_ipsec_t). Its first
/// implementation is the engine's userspace data plane, as kernel-libipsec is for strongSwan;
/// Engine.Ike knows only this interface. Calls come with the engine's lock held and must not call
/// back into the engine.
/// </summary>
public interface IKernelIpsec
{
    /// <summary>
    /// Reserves an inbound SPI (at least 256, RFC 4303 section 2.1) for an SA from
    /// <paramref name="remote"/> to <paramref name="local"/> that quick mode is about to negotiate.
    /// </summary>
    uint AllocateSpi(IPAddress local, IPAddress remote, IpsecProtocol protocol);

    /// <summary>Gives back an SPI reserved by <see cref="AllocateSpi"/> that no SA came to use.</summary>
    void ReleaseSpi(KernelSaId id);

    /// <summary>Installs one direction of a negotiated SA. Inbound is installed before outbound.</summary>
    void AddSa(KernelSa sa);

    /// <summary>
    /// Moves an SA to new outer endpoints and encapsulation (NAT-T float to 4500, a NAT mapping
    /// that changed). The keys stay.
    /// </summary>
    void UpdateSa(KernelSaId id, IPAddress source, IPAddress destination, UdpEncapsulation? encapsulation);

    /// <summary>What the data plane counted; false when it has no such SA.</summary>
    bool TryQueryUsage(KernelSaId id, out KernelSaUsage usage);

    /// <summary>Removes an SA. Packets that would need it are then handled by policy (dropped, or an acquire).</summary>
    void DeleteSa(KernelSaId id);
}
