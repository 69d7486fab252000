using System;
using System.Linq;
using System.Net;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;
using Engine.Host.Logging;
using Engine.Ike;
using Engine.Ike.Events;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Ipsec;

/// <summary>
/// What the enforcer does with the data plane's events (acquire, expiry, idle, NAT mapping) and
/// IKE's (for fallback to clear and the failure block). Nothing here touches Linux, so in-process
/// tests run these very handlers; they run on the enforcer's work queue.
/// </summary>
internal sealed class IpsecEventHandlers(
    Func<IkeEngine?> ike,
    IpsecDataPlane dataPlane,
    SecurityPolicyTable policies,
    DataPlaneKernel kernel,
    NegotiationOutcomes outcomes,
    Func<IPAddress, IPAddress?> localAddressFor,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Wires the handlers to a relay of the data plane's events and to IKE's observed events.</summary>
    public void Attach(DataPlaneEventRelay relay, IkeAuditSink ikeEvents, SerialWorkQueue queue)
    {
        relay.Acquire = OnAcquire;
        relay.Expired = OnExpired;
        relay.Idle = OnIdle;
        relay.NatMappingMoved = OnNatMappingMoved;
        ikeEvents.Observed += e => queue.Post(() => OnIkeEvent(e));
    }

    /// <summary>A packet needs an SA: negotiate one for its trap, unless the traffic is blocked after a failure.</summary>
    public void OnAcquire(AcquireRequest request)
    {
        if (ike() is not { } engine || policies.TrapFor(request.Entry) is not { } trap)
        {
            return;
        }

        var local = trap.Policy.TunnelPeer is { } gateway ? localAddressFor(gateway) : request.Source;
        var peer = trap.Policy.TunnelPeer ?? request.Destination;
        if (local is null || outcomes.IsBlocked(local, peer))
        {
            return;
        }

        logger.Acquire(request.Source.ToString(), request.Destination.ToString(), trap.Policy.Name);
        if (trap.Filter.FallbackToClear)
        {
            outcomes.NegotiationStarted(local, peer, () => HasSaWith(peer));
        }

        engine.Initiate(QuickModeRequest.ForPacket(trap.Policy, local, request.Source, request.Destination));
    }

    /// <summary>A byte, packet or sequence number limit: IKE rekeys (soft) or deletes (hard).</summary>
    public void OnExpired(SaExpiry expiry)
    {
        if (kernel.TryFind(expiry.Sa, out var sa))
        {
            ike()?.OnKernelSaExpired(sa.Id, expiry.Hard);
        }
    }

    /// <summary>Idle means the pair carried nothing either way for IdleSaSeconds (Windows' rule), not one direction.</summary>
    public void OnIdle(SecurityAssociation idle)
    {
        if (!kernel.TryFind(idle, out var sa))
        {
            return;
        }

        var cutoff = time.GetUtcNow() - kernel.IdleTimeout;
        if (kernel.HandlesOf(sa.ChildSaId).All(handle => handle.Counters.Packets == 0 || handle.LastUsedAt <= cutoff))
        {
            ike()?.DeleteQuickModeSa(sa.ChildSaId);
        }
    }

    /// <summary>The peer's NAT mapping moved: both halves of its quick mode follow it.</summary>
    public void OnNatMappingMoved(SecurityAssociation moved, IPEndPoint peer)
    {
        if (kernel.TryFind(moved, out var sa))
        {
            foreach (var handle in kernel.HandlesOf(sa.ChildSaId))
            {
                dataPlane.UpdateSaPeer(handle, peer);
            }
        }
    }

    /// <summary>An SA up cancels a pending fallback; a failure blocks the pair (unless a fallback takes it).</summary>
    public void OnIkeEvent(IkeEvent ikeEvent)
    {
        switch (ikeEvent)
        {
            case QuickModeEstablishedEvent established:
                outcomes.Secured(established.Local.Address, established.Remote.Address);
                break;
            case NegotiationFailedEvent failed:
                outcomes.Failed(failed.Local.Address, failed.Remote.Address, failed.Reason == NegotiationFailureReason.NoResponse);
                break;
        }
    }

    private bool HasSaWith(IPAddress peer) => ike()?.GetQuickModeSas().Any(sa => sa.Remote.Address.Equals(peer)) ?? false;
}
