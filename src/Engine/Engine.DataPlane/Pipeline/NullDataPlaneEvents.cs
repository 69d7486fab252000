using System.Net;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Pipeline;

/// <summary>The events of a data plane nobody listens to (tests and benchmarks).</summary>
internal sealed class NullDataPlaneEvents : IDataPlaneEvents
{
    public static NullDataPlaneEvents Instance { get; } = new();

    public void AcquireRequested(AcquireRequest request)
    {
    }

    public void SaExpired(SaExpiry expiry)
    {
    }

    public void SaIdle(SecurityAssociation sa)
    {
    }

    public void NatMappingChanged(SecurityAssociation sa, IPEndPoint observedPeer)
    {
    }
}
