using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Sad;

/// <summary>
/// The SAD: inbound SAs by (SPI, protocol) in a concurrent dictionary, whose lookups are lock-free
/// and allocation-free; outbound SAs grouped by reqid in <see cref="OutboundSaBinding"/>s, which
/// policy entries point to. Changes take one lock; packet threads never do.
/// </summary>
internal sealed class SecurityAssociationDatabase
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<InboundSaKey, SecurityAssociation> inbound = new();
    private readonly Dictionary<int, OutboundSaBinding> bindings = [];
    private readonly int holdLimit;
    private SecurityAssociation[] all = [];

    public SecurityAssociationDatabase(int holdLimit)
    {
        this.holdLimit = holdLimit;
    }

    /// <summary>Every installed SA (a snapshot).</summary>
    public SecurityAssociation[] All => Volatile.Read(ref all);

    /// <summary>Installs the SA; returns the binding that changed for an outbound one.</summary>
    public OutboundSaBinding? Add(SecurityAssociation sa)
    {
        lock (gate)
        {
            OutboundSaBinding? binding = null;
            if (sa.Direction == SaDirection.Inbound)
            {
                if (!inbound.TryAdd(new InboundSaKey(sa.Spi, sa.Protocol), sa))
                {
                    throw new InvalidOperationException($"An inbound {sa.Protocol} SA with SPI 0x{sa.Spi:x8} is already installed.");
                }
            }
            else
            {
                binding = BindingLocked(sa.ReqId);
                binding.Add(sa);
            }

            Volatile.Write(ref all, [.. all, sa]);
            return binding;
        }
    }

    /// <summary>Uninstalls the SA; false when it was not installed.</summary>
    public bool Remove(SecurityAssociation sa)
    {
        lock (gate)
        {
            var index = Array.IndexOf(all, sa);
            if (index < 0)
            {
                return false;
            }

            if (sa.Direction == SaDirection.Inbound)
            {
                inbound.TryRemove(new KeyValuePair<InboundSaKey, SecurityAssociation>(new InboundSaKey(sa.Spi, sa.Protocol), sa));
            }
            else if (bindings.TryGetValue(sa.ReqId, out var binding))
            {
                binding.Remove(sa);
            }

            var updated = new SecurityAssociation[all.Length - 1];
            Array.Copy(all, 0, updated, 0, index);
            Array.Copy(all, index + 1, updated, index, all.Length - index - 1);
            Volatile.Write(ref all, updated);
            return true;
        }
    }

    public SecurityAssociation? FindInbound(uint spi, IpsecProtocol protocol) =>
        inbound.TryGetValue(new InboundSaKey(spi, protocol), out var sa) ? sa : null;

    /// <summary>The binding for a reqid, created empty if new (policy entries may come before their SAs).</summary>
    public OutboundSaBinding Binding(int reqId)
    {
        lock (gate)
        {
            return BindingLocked(reqId);
        }
    }

    /// <summary>Every binding (to expire held packets).</summary>
    public OutboundSaBinding[] Bindings()
    {
        lock (gate)
        {
            return [.. bindings.Values];
        }
    }

    private OutboundSaBinding BindingLocked(int reqId)
    {
        if (!bindings.TryGetValue(reqId, out var binding))
        {
            binding = new OutboundSaBinding(reqId, holdLimit);
            bindings.Add(reqId, binding);
        }

        return binding;
    }
}
