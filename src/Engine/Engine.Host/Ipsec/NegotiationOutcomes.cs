using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Spd;
using Engine.Host.Logging;
using Microsoft.Extensions.Logging;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Ipsec;

/// <summary>
/// What the engine does when a negotiation does not succeed, as Windows does: a soft filter whose
/// peer does not answer IKE within FallbackToClearSeconds gets a soft SA (its traffic passes in
/// the clear for <see cref="SoftSaLifetime"/>, then a negotiation is tried again); any other
/// failed negotiation blocks that traffic for NegotiationFailureBlockSeconds. Everything here runs
/// on the enforcer's work queue.
/// </summary>
internal sealed class NegotiationOutcomes(IpsecDataPlane dataPlane, SerialWorkQueue queue, TimeProvider time, ILogger logger)
{
    /// <summary>How long a soft SA lasts before the engine tries to secure the traffic again (Windows' idle time for soft SAs).</summary>
    public static readonly TimeSpan SoftSaLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Block entries come before every trap and instance (whose priorities are 0 and up).</summary>
    private const int BlockPriority = -1;
    private const int FirstBlockId = 2_000_000;

    private readonly Dictionary<(IPAddress Local, IPAddress Peer), ITimer> pendingFallbacks = new();
    private readonly Dictionary<(IPAddress Local, IPAddress Peer), ITimer> softSas = new();
    private readonly Dictionary<(IPAddress Local, IPAddress Peer), (int EntryId, ITimer Timer)> blocks = new();
    private int nextBlockId = FirstBlockId;
    private int softSaCount;

    /// <summary>Raised when the soft SAs changed (the nftables rules must follow).</summary>
    public event Action? SoftSasChanged;

    public int FallbackToClearSeconds { get; set; } = IpSecPolicy.Model.Objects.Configuration.DefaultFallbackToClearSeconds;

    public int NegotiationFailureBlockSeconds { get; set; } = IpSecPolicy.Model.Objects.Configuration.DefaultNegotiationFailureBlockSeconds;

    /// <summary>Soft SAs in force now (the main mode statistics' "soft SAs"); readable from any thread.</summary>
    public int SoftSaCount => Volatile.Read(ref softSaCount);

    /// <summary>Is this traffic blocked after a failure? Acquires for it are not negotiated.</summary>
    public bool IsBlocked(IPAddress local, IPAddress peer) => blocks.ContainsKey((local, peer));

    /// <summary>
    /// A negotiation for a soft filter started: unless an SA comes up within FallbackToClearSeconds,
    /// <paramref name="hasSa"/> is asked and, if still false, the traffic falls back to clear.
    /// </summary>
    public void NegotiationStarted(IPAddress local, IPAddress peer, Func<bool> hasSa)
    {
        var key = (local, peer);
        if (pendingFallbacks.ContainsKey(key) || softSas.ContainsKey(key))
        {
            return;
        }

        pendingFallbacks[key] = time.CreateTimer(_ => queue.Post(() => FallBack(key, hasSa)), null,
            TimeSpan.FromSeconds(FallbackToClearSeconds), Timeout.InfiniteTimeSpan);
    }

    /// <summary>An SA came up: no fallback and no soft SA for this traffic any more.</summary>
    public void Secured(IPAddress local, IPAddress peer)
    {
        var key = (local, peer);
        if (pendingFallbacks.Remove(key, out var timer))
        {
            timer.Dispose();
        }

        if (softSas.Remove(key, out var soft))
        {
            soft.Dispose();
            Volatile.Write(ref softSaCount, softSas.Count);
            SoftSasChanged?.Invoke();
        }
    }

    /// <summary>A negotiation failed: block the traffic unless a fallback is about to take it.</summary>
    public void Failed(IPAddress local, IPAddress peer, bool noResponse)
    {
        var key = (local, peer);
        if ((noResponse && pendingFallbacks.ContainsKey(key)) || softSas.ContainsKey(key) || NegotiationFailureBlockSeconds <= 0)
        {
            return;
        }

        if (blocks.Remove(key, out var old))
        {
            old.Timer.Dispose();
            dataPlane.RemovePolicy(old.EntryId);
        }

        int id = nextBlockId++;
        dataPlane.AddPolicy(new SpdEntry
        {
            Id = id,
            Priority = BlockPriority,
            Selector = TrafficSelector.Between(AddressRange.Host(local), AddressRange.Host(peer)),
            Action = SpdAction.Discard,
        });
        var seconds = NegotiationFailureBlockSeconds;
        var timer = time.CreateTimer(_ => queue.Post(() => Unblock(key, id)), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
        blocks[key] = (id, timer);
        logger.NegotiationBlocked(local.ToString(), peer.ToString(), seconds);
    }

    /// <summary>The soft SAs in force, as selector pairs for <see cref="Enforcement.ConversationRules.Clear"/>.</summary>
    public IReadOnlyList<SelectorPair> SoftSas() =>
        softSas.Keys.Select(k => new SelectorPair(IkeSelector.ForHost(k.Local), IkeSelector.ForHost(k.Peer))).ToList();

    /// <summary>Forgets everything (a new policy, or stopping).</summary>
    public void Reset()
    {
        foreach (var timer in pendingFallbacks.Values.Concat(softSas.Values))
        {
            timer.Dispose();
        }

        foreach (var (id, timer) in blocks.Values)
        {
            timer.Dispose();
            dataPlane.RemovePolicy(id);
        }

        bool hadSoft = softSas.Count > 0;
        pendingFallbacks.Clear();
        softSas.Clear();
        blocks.Clear();
        if (hadSoft)
        {
            Volatile.Write(ref softSaCount, softSas.Count);
            SoftSasChanged?.Invoke();
        }
    }

    private void FallBack((IPAddress Local, IPAddress Peer) key, Func<bool> hasSa)
    {
        if (!pendingFallbacks.Remove(key, out var pending))
        {
            return;
        }

        pending.Dispose();
        if (hasSa())
        {
            return;
        }

        softSas[key] = time.CreateTimer(_ => queue.Post(() => ExpireSoftSa(key)), null, SoftSaLifetime, Timeout.InfiniteTimeSpan);
        logger.FallbackToClear(key.Local.ToString(), key.Peer.ToString(), FallbackToClearSeconds, (int)SoftSaLifetime.TotalMinutes);
        Volatile.Write(ref softSaCount, softSas.Count);
            SoftSasChanged?.Invoke();
    }

    private void ExpireSoftSa((IPAddress Local, IPAddress Peer) key)
    {
        if (softSas.Remove(key, out var timer))
        {
            timer.Dispose();
            Volatile.Write(ref softSaCount, softSas.Count);
            SoftSasChanged?.Invoke();
        }
    }

    private void Unblock((IPAddress Local, IPAddress Peer) key, int id)
    {
        if (blocks.TryGetValue(key, out var block) && block.EntryId == id)
        {
            blocks.Remove(key);
            block.Timer.Dispose();
            dataPlane.RemovePolicy(id);
        }
    }
}
