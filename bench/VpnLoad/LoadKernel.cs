using System;
using System.Collections.Concurrent;
using System.Net;
using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;
using Engine.Ike.Kernel;
using DataPlaneDirection = Engine.DataPlane.Sa.SaDirection;
using DataPlaneMode = Engine.DataPlane.Sa.IpsecMode;
using DataPlaneProtocol = Engine.DataPlane.Sa.IpsecProtocol;
using IkeDirection = Engine.Ike.Kernel.SaDirection;
using IkeMode = Engine.Ike.Kernel.IpsecMode;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// The clients' kernel interface: every client's SAs go into one in-process data plane (as the
/// engine's DataPlaneKernel does for its host), with the client's number as the reqid that pairs
/// the two directions, and the inbound SA's decrypted L2TP handed to <see cref="ClientL2tp"/>.
/// The outbound SPI is registered with the ESP bind so that it can send from the client's address.
/// </summary>
internal sealed class LoadKernel : IKernelIpsec
{
    private readonly IpsecDataPlane dataPlane;
    private readonly MultiAddressEspBind bind;
    private readonly IDecryptedPacketSink sink;
    private readonly Func<IPAddress, LoadSession?> findSession;
    private readonly ConcurrentDictionary<KernelSaId, SecurityAssociation> installed = new();
    private int nextSpi = 0x1000;
    private long unexpectedUpdates;

    public LoadKernel(IpsecDataPlane dataPlane, MultiAddressEspBind bind, IDecryptedPacketSink sink, Func<IPAddress, LoadSession?> findSession)
    {
        this.dataPlane = dataPlane;
        this.bind = bind;
        this.sink = sink;
        this.findSession = findSession;
    }

    /// <summary>SA moves IKE asked for (a NAT-T float): none are expected, no NAT lies between the namespaces.</summary>
    public long UnexpectedUpdates => Interlocked.Read(ref unexpectedUpdates);

    public int InstalledCount => installed.Count;

    public uint AllocateSpi(IPAddress local, IPAddress remote, Engine.Ike.Kernel.IpsecProtocol protocol) => (uint)Interlocked.Increment(ref nextSpi);

    public void ReleaseSpi(KernelSaId id)
    {
    }

    public void AddSa(KernelSa sa)
    {
        var inbound = sa.Direction == IkeDirection.Inbound;
        var client = inbound ? sa.Destination : sa.Source;
        var session = findSession(client) ?? throw new InvalidOperationException($"{client} is no client of this run");
        var handle = dataPlane.AddSa(new SaSpecification
        {
            Spi = sa.Id.Spi,
            Direction = inbound ? DataPlaneDirection.Inbound : DataPlaneDirection.Outbound,
            Protocol = sa.Id.Protocol == Engine.Ike.Kernel.IpsecProtocol.Ah ? DataPlaneProtocol.Ah : DataPlaneProtocol.Esp,
            Mode = sa.Mode == IkeMode.Tunnel ? DataPlaneMode.Tunnel : DataPlaneMode.Transport,
            LocalAddress = client,
            PeerAddress = inbound ? sa.Source : sa.Destination,
            Cipher = sa.Cipher,
            Aead = sa.Aead,
            Integrity = sa.Integrity,
            EncryptionKey = sa.EncryptionKey,
            IntegrityKey = sa.IntegrityKey,
            SoftLifetime = new SaLifetime(TimeSpan.Zero, sa.SoftByteLimit),
            HardLifetime = new SaLifetime(TimeSpan.Zero, sa.HardByteLimit),
            ReplayWindowSize = sa.ReplayWindow,
            Selector = new TrafficSelector
            {
                LocalAddresses = AddressRange.Range(sa.LocalTrafficSelector.First, sa.LocalTrafficSelector.Last),
                RemoteAddresses = AddressRange.Range(sa.RemoteTrafficSelector.First, sa.RemoteTrafficSelector.Last),
                Protocol = sa.LocalTrafficSelector.Protocol != 0 ? sa.LocalTrafficSelector.Protocol : sa.RemoteTrafficSelector.Protocol,
                LocalPorts = sa.LocalTrafficSelector.Port == 0 ? PortRange.Any : new PortRange(sa.LocalTrafficSelector.Port, sa.LocalTrafficSelector.Port),
                RemotePorts = sa.RemoteTrafficSelector.Port == 0 ? PortRange.Any : new PortRange(sa.RemoteTrafficSelector.Port, sa.RemoteTrafficSelector.Port),
            },
            ReqId = session.ReqId,
            Sink = inbound ? sink : null,
        });
        installed[sa.Id] = handle;
        if (!inbound)
        {
            bind.MapSource(sa.Id.Spi, session.AddressNumber);
        }
    }

    public void UpdateSa(KernelSaId id, IPAddress source, IPAddress destination, UdpEncapsulation? encapsulation) =>
        Interlocked.Increment(ref unexpectedUpdates);

    public bool TryQueryUsage(KernelSaId id, out KernelSaUsage usage)
    {
        if (!installed.TryGetValue(id, out var handle))
        {
            usage = default;
            return false;
        }

        var counters = handle.Counters;
        usage = new KernelSaUsage((ulong)counters.Bytes, (ulong)counters.Packets, counters.Packets == 0 ? null : handle.LastUsedAt);
        return true;
    }

    public void DeleteSa(KernelSaId id)
    {
        if (installed.TryRemove(id, out var handle))
        {
            if (handle.Direction == DataPlaneDirection.Outbound)
            {
                bind.UnmapSource(handle.Spi);
            }

            dataPlane.DeleteSa(handle);
        }
    }
}
