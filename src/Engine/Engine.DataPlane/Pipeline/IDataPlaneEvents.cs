using System.Net;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// What the data plane tells the host (and through it IKE), as a kernel tells an IKE daemon.
/// Calls come from packet threads and the housekeeping timer: return quickly and queue the work
/// (negotiating, deleting) to the host's own thread. Calling back into the data plane's control
/// methods from here is allowed.
/// </summary>
public interface IDataPlaneEvents
{
    /// <summary>A packet matched a Protect entry with no SA: negotiate one.</summary>
    void AcquireRequested(AcquireRequest request);

    /// <summary>An SA reached a soft limit (rekey now) or a hard one (it was removed; send DELETE).</summary>
    void SaExpired(SaExpiry expiry);

    /// <summary>An SA carried nothing for its idle timeout (reported once per idle spell).</summary>
    void SaIdle(SecurityAssociation sa);

    /// <summary>
    /// An authentic UDP-encapsulated packet came from another address or port than the SA's peer:
    /// the peer's NAT mapping changed. Reported once per new mapping; the host decides whether to
    /// move the SA pair to it (<c>UpdateSaPeer</c>).
    /// </summary>
    void NatMappingChanged(SecurityAssociation sa, IPEndPoint observedPeer);
}
