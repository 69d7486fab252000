using System.Collections.Generic;
using Engine.DataPlane.Pipeline;
using Engine.Ike;
using Engine.Ike.Kernel;
using Engine.Ike.Statistics;

namespace Engine.Host.Ipsec;

/// <summary>
/// What the SA and statistics control commands see of the running IKE engine and data plane
/// (the IP Security Monitor's view). <see cref="IsActive"/> is false while no IKE engine runs
/// (before the first policy is applied, or after the engine withdrew); the lists are then empty.
/// </summary>
public interface IIpsecMonitor
{
    bool IsActive { get; }

    IReadOnlyList<MainModeSaInfo> GetMainModeSas();

    IReadOnlyList<QuickModeSaInfo> GetQuickModeSas();

    /// <summary>Deletes an ISAKMP SA, sending DELETE to the peer; false when there is no such SA.</summary>
    bool DeleteMainModeSa(string id);

    /// <summary>Deletes a quick mode's SAs, sending DELETE to the peer; false when there is no such SA.</summary>
    bool DeleteQuickModeSa(ulong id);

    /// <summary>The data plane's counters (the quick mode statistics).</summary>
    DataPlaneStatistics GetDataPlaneStatistics();

    /// <summary>
    /// The IPsec SAs installed in the data plane, with their keys: for the Wireshark key export only.
    /// </summary>
    IReadOnlyList<KernelSa> GetInstalledSas();

    /// <summary>The IKE engine's counters (the main mode statistics): <see cref="IkeEngine.GetStatistics"/>; all zero while inactive.</summary>
    IkeStatistics GetIkeStatistics();

    /// <summary>
    /// The ISAKMP SAs' cookies and phase 1 encryption keys (<see cref="IkeEngine.GetIkeSaKeys"/>):
    /// for the Wireshark key export only.
    /// </summary>
    IReadOnlyList<IkeSaKeys> GetIkeSaKeys();
}
