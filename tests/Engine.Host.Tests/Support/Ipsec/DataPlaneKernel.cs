using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Spd;
using Engine.Host.Ipsec;
using Engine.Ike.Kernel;
using IkeDirection = Engine.Ike.Kernel.SaDirection;

namespace Engine.Host.Tests.Support.Ipsec;

/// <summary>
/// IKE's kernel interface over a real userspace data plane, as small as a test needs: SAs are
/// translated with <see cref="KernelSaTranslator"/> and installed, each outbound SA gets a policy
/// entry for its traffic, and the data plane's counters answer usage queries. It also keeps every
/// installed <see cref="KernelSa"/>, which is what the host's monitor hands the key export.
/// </summary>
internal sealed class DataPlaneKernel : IKernelIpsec
{
    private readonly IpsecDataPlane plane;
    private readonly Dictionary<KernelSaId, (KernelSa Sa, Engine.DataPlane.Sa.SecurityAssociation Installed)> installed = new();
    private uint nextSpi = (uint)Random.Shared.Next(0x1000, 0x7fff) << 16;

    public DataPlaneKernel(IpsecDataPlane plane)
    {
        this.plane = plane;
    }

    public IReadOnlyList<KernelSa> Installed => installed.Values.Select(entry => entry.Sa).ToList();

    public uint AllocateSpi(IPAddress local, IPAddress remote, IpsecProtocol protocol) => ++nextSpi;

    public void ReleaseSpi(KernelSaId id)
    {
    }

    public void AddSa(KernelSa sa)
    {
        var specification = KernelSaTranslator.ToSpecification(sa, (int)sa.ChildSaId);
        var added = plane.AddSa(specification);
        installed[sa.Id] = (sa, added);
        if (sa.Direction == IkeDirection.Outbound)
        {
            plane.AddPolicy(new SpdEntry { Id = (int)sa.ChildSaId, ReqId = (int)sa.ChildSaId, Selector = specification.Selector! });
        }
    }

    public void UpdateSa(KernelSaId id, IPAddress source, IPAddress destination, UdpEncapsulation? encapsulation)
    {
    }

    public bool TryQueryUsage(KernelSaId id, out KernelSaUsage usage)
    {
        usage = default;
        if (!installed.TryGetValue(id, out var entry))
        {
            return false;
        }

        var counters = entry.Installed.Counters;
        usage = new KernelSaUsage((ulong)counters.Bytes, (ulong)counters.Packets, counters.Packets == 0 ? null : entry.Installed.LastUsedAt);
        return true;
    }

    public void DeleteSa(KernelSaId id)
    {
        if (installed.Remove(id, out var entry))
        {
            plane.DeleteSa(entry.Installed);
            if (entry.Sa.Direction == IkeDirection.Outbound)
            {
                plane.RemovePolicy((int)entry.Sa.ChildSaId);
            }
        }
    }
}
