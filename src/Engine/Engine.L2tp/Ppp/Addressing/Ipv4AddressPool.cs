using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using Engine.L2tp.Ppp.Ipcp;

namespace Engine.L2tp.Ppp.Addressing;

/// <summary>
/// The gateway's client addresses: a range such as 192.168.50.10-192.168.50.200 handed out one per
/// session, plus per-user static addresses (Add-VpnUser -StaticAddress), which are never handed
/// to anyone else even when they lie inside the range. Dynamic addresses are taken round-robin
/// from the one after the last handed out, so a just-released address (with ARP entries and
/// connection-tracking state still pointing at the old session) is reused last. Thread-safe:
/// sessions of all tunnels share one pool.
/// </summary>
public sealed class Ipv4AddressPool
{
    private readonly object gate = new();
    private readonly uint first;
    private readonly uint last;
    private readonly HashSet<uint> inUse = [];
    private readonly HashSet<uint> excluded = [];
    private readonly Dictionary<string, uint> staticAddresses = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<uint> reserved = [];
    private uint next;

    public Ipv4AddressPool(IPAddress first, IPAddress last, IEnumerable<IPAddress>? excludedAddresses = null)
    {
        this.first = Ipv4OptionValue.ToNumber(first);
        this.last = Ipv4OptionValue.ToNumber(last);
        if (this.last < this.first)
        {
            throw new ArgumentException($"The range {first}-{last} ends before it starts.", nameof(last));
        }

        next = this.first;
        foreach (var address in excludedAddresses ?? [])
        {
            excluded.Add(Ipv4OptionValue.ToNumber(address));
        }
    }

    public IPAddress First => Ipv4OptionValue.ToAddress(first);

    public IPAddress Last => Ipv4OptionValue.ToAddress(last);

    /// <summary>Addresses of the range that could be handed out (neither excluded nor reserved).</summary>
    public int Capacity
    {
        get
        {
            lock (gate)
            {
                var count = (long)last - first + 1;
                foreach (var address in ReservedOrExcludedInRange())
                {
                    count--;
                }

                return (int)Math.Min(count, int.MaxValue);
            }
        }
    }

    /// <summary>Addresses currently leased, static ones included.</summary>
    public int InUse
    {
        get
        {
            lock (gate)
            {
                return inUse.Count;
            }
        }
    }

    /// <summary>Parses "a.b.c.d-e.f.g.h" (a single address is a range of one).</summary>
    public static Ipv4AddressPool Parse(string range, IEnumerable<IPAddress>? excludedAddresses = null)
    {
        var parts = range.Split('-', 2, StringSplitOptions.TrimEntries);
        if (!IPAddress.TryParse(parts[0], out var start) || start.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new FormatException($"'{range}' is not an IPv4 range like 192.168.50.10-192.168.50.200.");
        }

        var end = start;
        if (parts.Length == 2 && (!IPAddress.TryParse(parts[1], out end) || end.AddressFamily != AddressFamily.InterNetwork))
        {
            throw new FormatException($"'{range}' is not an IPv4 range like 192.168.50.10-192.168.50.200.");
        }

        return new Ipv4AddressPool(start, end, excludedAddresses);
    }

    /// <summary>Gives <paramref name="userName"/> a static address, taking it out of dynamic allocation.</summary>
    public void SetStaticAddress(string userName, IPAddress address)
    {
        var number = Ipv4OptionValue.ToNumber(address);
        lock (gate)
        {
            RemoveStaticAddressLocked(userName);
            staticAddresses[userName] = number;
            reserved.Add(number);
        }
    }

    public void RemoveStaticAddress(string userName)
    {
        lock (gate)
        {
            RemoveStaticAddressLocked(userName);
        }
    }

    /// <summary>
    /// An address for a session of <paramref name="userName"/>: the user's static address when it
    /// has one (never a dynamic one instead), otherwise the next free address of the range.
    /// </summary>
    public Ipv4AddressLease? TryLease(string? userName, out AddressAllocationFailure failure)
    {
        lock (gate)
        {
            if (userName is not null && staticAddresses.TryGetValue(userName, out var own))
            {
                if (!inUse.Add(own))
                {
                    failure = AddressAllocationFailure.StaticAddressInUse;
                    return null;
                }

                failure = AddressAllocationFailure.None;
                return new Ipv4AddressLease(this, Ipv4OptionValue.ToAddress(own), isStatic: true, userName);
            }

            var size = (ulong)last - first + 1;
            var candidate = next;
            for (ulong tried = 0; tried < size; tried++)
            {
                var address = candidate;
                candidate = candidate == last ? first : candidate + 1;
                if (excluded.Contains(address) || reserved.Contains(address) || !inUse.Add(address))
                {
                    continue;
                }

                next = candidate;
                failure = AddressAllocationFailure.None;
                return new Ipv4AddressLease(this, Ipv4OptionValue.ToAddress(address), isStatic: false, userName);
            }

            failure = AddressAllocationFailure.PoolExhausted;
            return null;
        }
    }

    public bool IsInUse(IPAddress address)
    {
        var number = Ipv4OptionValue.ToNumber(address);
        lock (gate)
        {
            return inUse.Contains(number);
        }
    }

    internal void Release(Ipv4AddressLease lease)
    {
        var number = Ipv4OptionValue.ToNumber(lease.Address);
        lock (gate)
        {
            inUse.Remove(number);
        }
    }

    private void RemoveStaticAddressLocked(string userName)
    {
        if (staticAddresses.Remove(userName, out var old) && !staticAddresses.ContainsValue(old))
        {
            reserved.Remove(old);
        }
    }

    private IEnumerable<uint> ReservedOrExcludedInRange()
    {
        var seen = new HashSet<uint>();
        foreach (var address in excluded)
        {
            if (address >= first && address <= last && seen.Add(address))
            {
                yield return address;
            }
        }

        foreach (var address in reserved)
        {
            if (address >= first && address <= last && seen.Add(address))
            {
                yield return address;
            }
        }
    }
}
