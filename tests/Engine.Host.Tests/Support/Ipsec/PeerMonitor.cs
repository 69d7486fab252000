using System.Collections.Generic;
using Engine.DataPlane.Pipeline;
using Engine.Host.Ipsec;
using Engine.Ike;
using Engine.Ike.Kernel;
using Engine.Ike.Statistics;

namespace Engine.Host.Tests.Support.Ipsec;

/// <summary>
/// The host's view of one peer of an <see cref="IkePair"/>, as the lead's monitor gives it over the
/// live engine: SA snapshots and deletions from the IKE engine (the wire is pumped after a
/// deletion so the DELETE reaches the peer), counters from both, keys from the kernel interface.
/// </summary>
internal sealed class PeerMonitor : IIpsecMonitor
{
    private readonly IkePair pair;
    private readonly IkePeer peer;

    public PeerMonitor(IkePair pair, IkePeer peer)
    {
        this.pair = pair;
        this.peer = peer;
    }

    public bool IsActive => true;

    public IReadOnlyList<MainModeSaInfo> GetMainModeSas() => peer.Engine.GetMainModeSas();

    public IReadOnlyList<QuickModeSaInfo> GetQuickModeSas() => peer.Engine.GetQuickModeSas();

    public bool DeleteMainModeSa(string id)
    {
        var deleted = peer.Engine.DeleteMainModeSa(id);
        pair.Pump();
        return deleted;
    }

    public bool DeleteQuickModeSa(ulong id)
    {
        var deleted = peer.Engine.DeleteQuickModeSa(id);
        pair.Pump();
        return deleted;
    }

    public DataPlaneStatistics GetDataPlaneStatistics() => peer.Plane.GetStatistics();

    public IReadOnlyList<KernelSa> GetInstalledSas() => peer.Kernel.Installed;

    public IkeStatistics GetIkeStatistics() => peer.Engine.GetStatistics();

    public IReadOnlyList<IkeSaKeys> GetIkeSaKeys() => peer.Engine.GetIkeSaKeys();
}
