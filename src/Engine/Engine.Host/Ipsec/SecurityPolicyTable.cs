using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Spd;
using Engine.Ike.Kernel;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Ipsec;

/// <summary>
/// The data plane's outbound policy entries, kept in step with the policy's negotiate filters
/// (traps) and with the SAs IKE installs (one instance entry per pair of selectors).
/// </summary>
/// <remarks>
/// Priorities keep the compiler's most-specific-first order: the negotiate filter at index i has
/// its trap at 2i+1 and the instances it covers at 2i, so an instance never captures traffic of a
/// more specific filter above it. Instances no trap covers (the default response rule answered a
/// peer) come after every trap.
/// </remarks>
internal sealed class SecurityPolicyTable
{
    /// <summary>Instance ids start here; trap ids are 1..N.</summary>
    private const int FirstInstanceId = 1_000_000;

    private readonly IpsecDataPlane dataPlane;
    private readonly Lock gate = new();
    private readonly Dictionary<SelectorPair, PolicyInstance> instances = new();
    private readonly Dictionary<ulong, PolicyInstance> byChildSa = new();
    private readonly Dictionary<int, NegotiationTrap> trapsById = new();
    private IReadOnlyList<NegotiationTrap> traps = [];
    private int nextInstanceId = FirstInstanceId;

    public SecurityPolicyTable(IpsecDataPlane dataPlane)
    {
        this.dataPlane = dataPlane;
    }

    /// <summary>Raised (outside the lock) when the set of conversations that need nftables rules changed.</summary>
    public event Action? ConversationsChanged;

    /// <summary>Replaces the traps with those of a new policy; instances are re-ranked under them.</summary>
    public void SetTraps(IReadOnlyList<NegotiationTrap> newTraps)
    {
        bool changed;
        lock (gate)
        {
            foreach (var old in traps.Where(old => newTraps.All(t => t.EntryId != old.EntryId)))
            {
                dataPlane.RemovePolicy(old.EntryId);
            }

            traps = newTraps;
            trapsById.Clear();
            foreach (var trap in newTraps)
            {
                trapsById[trap.EntryId] = trap;
                dataPlane.AddPolicy(EntryFor(trap));
            }

            changed = false;
            foreach (var instance in instances.Values)
            {
                var before = instance.NeedsConversationRules;
                instance.Trap = Covering(instance.Selectors);
                dataPlane.AddPolicy(EntryFor(instance));
                changed |= before != instance.NeedsConversationRules || instance.NeedsConversationRules;
            }
        }

        if (changed)
        {
            ConversationsChanged?.Invoke();
        }
    }

    /// <summary>The trap an acquire came from; null for an entry that is not (or no longer) a trap.</summary>
    public NegotiationTrap? TrapFor(SpdEntry entry)
    {
        lock (gate)
        {
            return trapsById.GetValueOrDefault(entry.Id);
        }
    }

    /// <summary>An SA of a quick mode is about to be installed: the reqid it must use.</summary>
    public int Register(KernelSa sa)
    {
        bool created = false;
        PolicyInstance? instance;
        lock (gate)
        {
            if (!byChildSa.TryGetValue(sa.ChildSaId, out instance))
            {
                var selectors = SelectorsOf(sa);
                if (!instances.TryGetValue(selectors, out instance))
                {
                    instance = new PolicyInstance(nextInstanceId++, selectors, Covering(selectors));
                    instances.Add(selectors, instance);
                    dataPlane.AddPolicy(EntryFor(instance));
                    created = true;
                }

                byChildSa[sa.ChildSaId] = instance;
            }

            instance.SaCount++;
        }

        if (created && instance.NeedsConversationRules)
        {
            ConversationsChanged?.Invoke();
        }

        return instance.Id;
    }

    /// <summary>An SA was removed; the instance goes with its last SA, so its traffic traps again.</summary>
    public void Unregister(KernelSa sa, bool lastOfChild)
    {
        bool removed = false;
        PolicyInstance? instance;
        lock (gate)
        {
            if (!byChildSa.TryGetValue(sa.ChildSaId, out instance))
            {
                return;
            }

            if (lastOfChild)
            {
                byChildSa.Remove(sa.ChildSaId);
            }

            if (--instance.SaCount <= 0)
            {
                instances.Remove(instance.Selectors);
                dataPlane.RemovePolicy(instance.Id);
                if (instance.Trap is { } trap)
                {
                    // Its traffic hits the trap again. Re-adding the trap's (unchanged) entry makes the
                    // data plane forget the acquires it reported for it, so the next packet negotiates at
                    // once instead of waiting out the acquire retry interval counted from the last one.
                    dataPlane.AddPolicy(EntryFor(trap));
                }

                removed = true;
            }
        }

        if (removed && instance.NeedsConversationRules)
        {
            ConversationsChanged?.Invoke();
        }
    }

    /// <summary>The trap entry whose traffic an instance took over; null for none (or no such instance).</summary>
    public int? TrapEntryOf(int reqId)
    {
        lock (gate)
        {
            return instances.Values.FirstOrDefault(i => i.Id == reqId)?.Trap?.EntryId;
        }
    }

    /// <summary>The conversations whose SAs need nftables rules of their own (see <see cref="PolicyInstance.NeedsConversationRules"/>).</summary>
    public IReadOnlyList<SelectorPair> SecuredConversations()
    {
        lock (gate)
        {
            return instances.Values.Where(i => i.NeedsConversationRules).Select(i => i.Selectors).ToList();
        }
    }

    /// <summary>
    /// The traffic an SA protects as this host's packets show it. In transport mode that is the
    /// traffic between the SA's own outer addresses, whatever the IDs said: behind a NAT the peer
    /// names its private address, while its packets arrive from (and replies go to) the public one;
    /// the NAT's port tells apart peers behind the same NAT.
    /// </summary>
    private static SelectorPair SelectorsOf(KernelSa sa)
    {
        if (sa.Mode != IpsecMode.Transport)
        {
            return new SelectorPair(sa.LocalTrafficSelector, sa.RemoteTrafficSelector);
        }

        bool inbound = sa.Direction == SaDirection.Inbound;
        var local = IkeSelector.ForHost(inbound ? sa.Destination : sa.Source);
        var peer = IkeSelector.ForHost(inbound ? sa.Source : sa.Destination);
        var peerNatPort = sa.Encapsulation is null ? 0 : inbound ? sa.Encapsulation.SourcePort : sa.Encapsulation.DestinationPort;
        return new SelectorPair(sa.LocalTrafficSelector.WithAddresses(local), sa.RemoteTrafficSelector.WithAddresses(peer), peerNatPort);
    }

    private NegotiationTrap? Covering(SelectorPair selectors) =>
        traps.FirstOrDefault(t => t.Policy.Local.Covers(selectors.Local) && t.Policy.Remote.Covers(selectors.Remote));

    private static SpdEntry EntryFor(NegotiationTrap trap) => new()
    {
        Id = trap.EntryId,
        Priority = 2 * trap.Index + 1,
        Selector = KernelSaTranslator.ToDataPlaneSelector(trap.Policy.Local, trap.Policy.Remote),
        ReqId = trap.EntryId,
        HoldPacketsWhileAcquiring = true,
    };

    private SpdEntry EntryFor(PolicyInstance instance) => new()
    {
        Id = instance.Id,
        Priority = instance.Trap is { } trap ? 2 * trap.Index : 2 * traps.Count,
        Selector = KernelSaTranslator.ToDataPlaneSelector(instance.Selectors.Local, instance.Selectors.Remote),
        ReqId = instance.Id,
        HoldPacketsWhileAcquiring = true,
    };
}
