using System.Collections.Concurrent;
using System.Net;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Tests.Support;

/// <summary>Collects the data plane's events for assertions; optionally reacts to acquires.</summary>
public sealed class RecordingEvents : IDataPlaneEvents
{
    private readonly ConcurrentQueue<AcquireRequest> acquires = new();
    private readonly ConcurrentQueue<SaExpiry> expiries = new();
    private readonly ConcurrentQueue<SecurityAssociation> idle = new();
    private readonly ConcurrentQueue<(SecurityAssociation Sa, IPEndPoint Peer)> mappings = new();

    public IReadOnlyList<AcquireRequest> Acquires => acquires.ToArray();

    public IReadOnlyList<SaExpiry> Expiries => expiries.ToArray();

    public IReadOnlyList<SecurityAssociation> Idle => idle.ToArray();

    public IReadOnlyList<(SecurityAssociation Sa, IPEndPoint Peer)> Mappings => mappings.ToArray();

    /// <summary>Runs inside <see cref="AcquireRequested"/> (to install an SA from the event, as a host would).</summary>
    public Action<AcquireRequest>? OnAcquire { get; set; }

    public void AcquireRequested(AcquireRequest request)
    {
        acquires.Enqueue(request);
        OnAcquire?.Invoke(request);
    }

    public void SaExpired(SaExpiry expiry) => expiries.Enqueue(expiry);

    public void SaIdle(SecurityAssociation sa) => idle.Enqueue(sa);

    public void NatMappingChanged(SecurityAssociation sa, IPEndPoint observedPeer) => mappings.Enqueue((sa, observedPeer));
}
