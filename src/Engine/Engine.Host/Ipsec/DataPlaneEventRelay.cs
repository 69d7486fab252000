using System;
using System.Net;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;

namespace Engine.Host.Ipsec;

/// <summary>
/// The data plane's events, moved off its packet and housekeeping threads onto the enforcer's
/// work queue, where the handlers may call IKE.
/// </summary>
internal sealed class DataPlaneEventRelay(SerialWorkQueue queue) : IDataPlaneEvents
{
    public Action<AcquireRequest>? Acquire { get; set; }

    public Action<SaExpiry>? Expired { get; set; }

    public Action<SecurityAssociation>? Idle { get; set; }

    public Action<SecurityAssociation, IPEndPoint>? NatMappingMoved { get; set; }

    public void AcquireRequested(AcquireRequest request) => queue.Post(() => Acquire?.Invoke(request));

    public void SaExpired(SaExpiry expiry) => queue.Post(() => Expired?.Invoke(expiry));

    public void SaIdle(SecurityAssociation sa) => queue.Post(() => Idle?.Invoke(sa));

    public void NatMappingChanged(SecurityAssociation sa, IPEndPoint observedPeer) => queue.Post(() => NatMappingMoved?.Invoke(sa, observedPeer));
}
