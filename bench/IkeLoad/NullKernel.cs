using System.Net;
using System.Threading;
using Engine.Ike.Kernel;

namespace IpSecPolicy.IkeLoad;

/// <summary>
/// The initiators' kernel interface: SPIs from a counter, SAs accepted and forgotten. The load
/// generator measures the responder's IKE, not a data plane of its own.
/// </summary>
internal sealed class NullKernel : IKernelIpsec
{
    private static int nextSpi = 0x1000;

    public uint AllocateSpi(IPAddress local, IPAddress remote, IpsecProtocol protocol) => (uint)Interlocked.Increment(ref nextSpi);

    public void ReleaseSpi(KernelSaId id)
    {
    }

    public void AddSa(KernelSa sa)
    {
    }

    public void UpdateSa(KernelSaId id, IPAddress source, IPAddress destination, UdpEncapsulation? encapsulation)
    {
    }

    public bool TryQueryUsage(KernelSaId id, out KernelSaUsage usage)
    {
        usage = default;
        return false;
    }

    public void DeleteSa(KernelSaId id)
    {
    }
}
