using System.Net;
using Engine.Ike.Kernel;

namespace Engine.Ike.Tests.Exchanges.Support;

/// <summary>The kernel interface as a record of calls: installed SAs by id, reserved and released SPIs, settable counters.</summary>
public sealed class FakeKernel : IKernelIpsec
{
    private uint nextSpi = (uint)Random.Shared.Next(0x1000, 0x7fff) << 16;

    public Dictionary<KernelSaId, KernelSa> Installed { get; } = [];

    public List<KernelSa> Added { get; } = [];

    public List<KernelSaId> Deleted { get; } = [];

    public HashSet<KernelSaId> Reserved { get; } = [];

    public List<KernelSaId> Released { get; } = [];

    public Dictionary<KernelSaId, KernelSaUsage> Usage { get; } = [];

    public List<(KernelSaId Id, IPAddress Source, IPAddress Destination, UdpEncapsulation? Encapsulation)> Updated { get; } = [];

    public IEnumerable<KernelSa> Inbound => Installed.Values.Where(sa => sa.Direction == SaDirection.Inbound);

    public IEnumerable<KernelSa> Outbound => Installed.Values.Where(sa => sa.Direction == SaDirection.Outbound);

    public uint AllocateSpi(IPAddress local, IPAddress remote, IpsecProtocol protocol)
    {
        var spi = ++nextSpi;
        Reserved.Add(new KernelSaId(local, protocol, spi));
        return spi;
    }

    public void ReleaseSpi(KernelSaId id)
    {
        Reserved.Remove(id);
        Released.Add(id);
    }

    public void AddSa(KernelSa sa)
    {
        if (sa.Direction == SaDirection.Inbound && !Reserved.Remove(sa.Id))
        {
            throw new InvalidOperationException($"inbound {sa.Id} was never reserved");
        }

        if (!Installed.TryAdd(sa.Id, sa))
        {
            throw new InvalidOperationException($"{sa.Id} is installed twice");
        }

        Added.Add(sa);
    }

    public void UpdateSa(KernelSaId id, IPAddress source, IPAddress destination, UdpEncapsulation? encapsulation) =>
        Updated.Add((id, source, destination, encapsulation));

    public bool TryQueryUsage(KernelSaId id, out KernelSaUsage usage) => Usage.TryGetValue(id, out usage);

    public void DeleteSa(KernelSaId id)
    {
        Installed.Remove(id);
        Deleted.Add(id);
    }
}
