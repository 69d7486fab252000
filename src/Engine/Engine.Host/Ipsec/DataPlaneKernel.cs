using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using SaDirection = Engine.Ike.Kernel.SaDirection;
using Engine.Ike.Kernel;
using DataPlaneProtocol = Engine.DataPlane.Sa.IpsecProtocol;
using IkeProtocol = Engine.Ike.Kernel.IpsecProtocol;

namespace Engine.Host.Ipsec;

/// <summary>
/// IKE's kernel interface (strongSwan's kernel_ipsec_t) over the userspace data plane, as
/// kernel-libipsec is for strongSwan: reserves SPIs, installs each negotiated SA with the reqid of
/// its conversation (<see cref="SecurityPolicyTable"/>), reports usage and removes SAs.
/// </summary>
/// <remarks>
/// IKE calls it with its lock held; nothing here calls back into IKE. The SAs IKE handed over are
/// kept (with their keys, which the data plane holds anyway) so that an SA can be moved to other
/// endpoints and so that the Wireshark key export can name them.
/// </remarks>
internal sealed class DataPlaneKernel : IKernelIpsec
{
    private const uint FirstSpi = 256; // RFC 4303 section 2.1: 1-255 are reserved by IANA.

    private readonly IpsecDataPlane dataPlane;
    private readonly SecurityPolicyTable policies;
    private readonly Lock gate = new();
    private readonly Dictionary<KernelSaId, InstalledSa> installed = new();
    private readonly HashSet<(IkeProtocol, uint)> reserved = new();

    public DataPlaneKernel(IpsecDataPlane dataPlane, SecurityPolicyTable policies, TimeSpan idleTimeout)
    {
        this.dataPlane = dataPlane;
        this.policies = policies;
        IdleTimeout = idleTimeout;
    }

    /// <summary>Raised after an SA was installed or removed (outside IKE's concerns: logging).</summary>
    public event Action<string, KernelSa, int>? Changed;

    /// <summary>Who takes an SA's decrypted packets instead of the TUN device (the VPN gateway); null: the TUN device for all.</summary>
    public Func<KernelSa, Engine.DataPlane.Abstractions.IDecryptedPacketSink?>? SinkFor { get; set; }

    /// <summary>How long an SA pair may carry nothing before it is deleted (IdleSaSeconds).</summary>
    public TimeSpan IdleTimeout { get; set; }

    public uint AllocateSpi(IPAddress local, IPAddress remote, IkeProtocol protocol)
    {
        Span<byte> random = stackalloc byte[4];
        lock (gate)
        {
            while (true)
            {
                RandomNumberGenerator.Fill(random);
                uint spi = BitConverter.ToUInt32(random);
                if (spi >= FirstSpi && !reserved.Contains((protocol, spi)) && dataPlane.FindInboundSa(ToDataPlane(protocol), spi) is null)
                {
                    reserved.Add((protocol, spi));
                    return spi;
                }
            }
        }
    }

    public void ReleaseSpi(KernelSaId id)
    {
        lock (gate)
        {
            reserved.Remove((id.Protocol, id.Spi));
        }
    }

    public void AddSa(KernelSa sa)
    {
        int reqId = policies.Register(sa);
        try
        {
            var specification = KernelSaTranslator.ToSpecification(sa, reqId, IdleTimeout, SinkFor?.Invoke(sa));
            var handle = dataPlane.AddSa(specification);
            lock (gate)
            {
                installed[sa.Id] = new InstalledSa(sa, handle);
                if (sa.Direction == SaDirection.Inbound)
                {
                    reserved.Remove((sa.Id.Protocol, sa.Id.Spi));
                }
            }
        }
        catch
        {
            policies.Unregister(sa, lastOfChild: !HasChild(sa.ChildSaId));
            throw;
        }

        if (sa.Direction == SaDirection.Outbound && policies.TrapEntryOf(reqId) is int trap)
        {
            // The first packets were held under the trap's entry; they belong to this SA now.
            dataPlane.ReleaseHeldPackets(trap);
        }

        Changed?.Invoke("installed", sa, reqId);
    }

    public void UpdateSa(KernelSaId id, IPAddress source, IPAddress destination, UdpEncapsulation? encapsulation)
    {
        InstalledSa current;
        lock (gate)
        {
            if (!installed.TryGetValue(id, out current))
            {
                return;
            }
        }

        var sa = current.Sa;
        bool sameEncapsulation = (sa.Encapsulation is null) == (encapsulation is null);
        if (sameEncapsulation && sa.Id.Destination.Equals(destination))
        {
            // Only the peer's address or port moved (a NAT mapping changed): the data plane follows it in place.
            bool inbound = sa.Direction == SaDirection.Inbound;
            var peerAddress = inbound ? source : destination;
            int peerPort = encapsulation is null ? 0 : inbound ? encapsulation.SourcePort : encapsulation.DestinationPort;
            dataPlane.UpdateSaPeer(current.Handle, new IPEndPoint(peerAddress, peerPort));
            lock (gate)
            {
                installed[id] = current with { Sa = Moved(sa, sa.Id, source, encapsulation) };
            }

            return;
        }

        // The data plane cannot switch an SA between raw ESP and UDP in place: install it again with
        // the same SPI and keys. Its counters and replay window start over, which only costs the
        // packets in flight during the switch.
        var moved = Moved(sa, sa.Id with { Destination = destination }, source, encapsulation);
        DeleteSa(id);
        AddSa(moved);
    }

    public bool TryQueryUsage(KernelSaId id, out KernelSaUsage usage)
    {
        InstalledSa current;
        bool found;
        lock (gate)
        {
            found = installed.TryGetValue(id, out current);
        }

        if (!found)
        {
            usage = default;
            return false;
        }

        var counters = current.Handle.Counters;
        usage = new KernelSaUsage((ulong)counters.Bytes, (ulong)counters.Packets, counters.Packets == 0 ? null : current.Handle.LastUsedAt);
        return true;
    }

    public void DeleteSa(KernelSaId id)
    {
        InstalledSa current;
        bool lastOfChild;
        lock (gate)
        {
            if (!installed.Remove(id, out current))
            {
                return;
            }

            var childSaId = current.Sa.ChildSaId;
            lastOfChild = !installed.Values.Any(other => other.Sa.ChildSaId == childSaId);
        }

        dataPlane.DeleteSa(current.Handle); // false after a hard expiry: the data plane removed it already
        policies.Unregister(current.Sa, lastOfChild);
        Changed?.Invoke("removed", current.Sa, current.Handle.ReqId);
    }

    /// <summary>The SA IKE handed over for a data plane SA; false for one it does not know.</summary>
    public bool TryFind(SecurityAssociation handle, out KernelSa sa)
    {
        lock (gate)
        {
            foreach (var entry in installed.Values)
            {
                if (ReferenceEquals(entry.Handle, handle))
                {
                    sa = entry.Sa;
                    return true;
                }
            }
        }

        sa = null!;
        return false;
    }

    /// <summary>The data plane SAs of one quick mode (both directions).</summary>
    public IReadOnlyList<SecurityAssociation> HandlesOf(ulong childSaId)
    {
        lock (gate)
        {
            return installed.Values.Where(e => e.Sa.ChildSaId == childSaId).Select(e => e.Handle).ToList();
        }
    }

    /// <summary>Every installed SA as IKE handed it over (with keys): for the Wireshark key export only.</summary>
    public IReadOnlyList<KernelSa> InstalledSas()
    {
        lock (gate)
        {
            return installed.Values.Select(e => e.Sa).ToList();
        }
    }

    private bool HasChild(ulong childSaId)
    {
        lock (gate)
        {
            return installed.Values.Any(e => e.Sa.ChildSaId == childSaId);
        }
    }

    private static DataPlaneProtocol ToDataPlane(IkeProtocol protocol) =>
        protocol == IkeProtocol.Ah ? DataPlaneProtocol.Ah : DataPlaneProtocol.Esp;

    private static KernelSa Moved(KernelSa sa, KernelSaId id, IPAddress source, UdpEncapsulation? encapsulation) => new()
    {
        Id = id,
        Direction = sa.Direction,
        Source = source,
        Mode = sa.Mode,
        Encapsulation = encapsulation,
        Cipher = sa.Cipher,
        Aead = sa.Aead,
        EncryptionKey = sa.EncryptionKey,
        Integrity = sa.Integrity,
        IntegrityKey = sa.IntegrityKey,
        LocalTrafficSelector = sa.LocalTrafficSelector,
        RemoteTrafficSelector = sa.RemoteTrafficSelector,
        SoftByteLimit = sa.SoftByteLimit,
        HardByteLimit = sa.HardByteLimit,
        ReplayWindow = sa.ReplayWindow,
        ChildSaId = sa.ChildSaId,
        PeerOriginalAddress = sa.PeerOriginalAddress,
    };

    // A struct in the dictionary's entry rather than an object per SA (a gateway holds two SAs per session).
    private readonly record struct InstalledSa(KernelSa Sa, SecurityAssociation Handle);
}
