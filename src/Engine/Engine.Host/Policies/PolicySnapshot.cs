using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace Engine.Host.Policies;

/// <summary>
/// One reading of the store, compiled for the engine's adapter: what the enforcers are handed.
/// Immutable once built; a re-read builds a new one.
/// </summary>
public sealed class PolicySnapshot
{
    private readonly IReadOnlyDictionary<Guid, string> preSharedKeys;

    internal PolicySnapshot(StoreDocument document, IReadOnlyDictionary<Guid, string> preSharedKeys, CompiledPolicy? compiled,
        HostContext host, string fingerprint, DateTimeOffset checkedAt)
    {
        Document = document;
        this.preSharedKeys = preSharedKeys;
        Compiled = compiled;
        Host = host;
        Fingerprint = fingerprint;
        CheckedAt = checkedAt;
    }

    /// <summary>The whole store as read (filter lists and actions the policy's rules name are here).</summary>
    public StoreDocument Document { get; }

    /// <summary>The assigned policy compiled for the adapter; null when none is assigned.</summary>
    public CompiledPolicy? Compiled { get; }

    public Policy? Policy => Compiled?.Policy;

    /// <summary>The adapter's facts the policy was compiled with.</summary>
    public HostContext Host { get; }

    /// <summary>A digest of everything the enforcement depends on (policy, its lists and actions, keys, settings).</summary>
    public string Fingerprint { get; }

    public DateTimeOffset CheckedAt { get; }

    public int FilterCount => Compiled?.Filters.Count ?? 0;

    /// <summary>The compiler's warnings, as sentences with their target.</summary>
    public IReadOnlyList<string> Warnings => Compiled?.Diagnostics.Select(d => $"{d.Target}: {d.Message}").ToList() ?? new List<string>();

    /// <summary>
    /// How often the store is re-read by itself: the assigned policy's PollingIntervalMinutes (180 by
    /// default, as on Windows, and also when none is assigned); null when it is 0, which turns polling off.
    /// </summary>
    public TimeSpan? PollingInterval
    {
        get
        {
            var minutes = Policy?.PollingIntervalMinutes ?? IpSecPolicy.Model.Objects.Policy.DefaultPollingIntervalMinutes;
            return minutes == 0 ? null : TimeSpan.FromMinutes(minutes);
        }
    }

    /// <summary>
    /// The pre-shared key of an auth method, by its id; null when it has none. For IKE only: keys
    /// never go to logs, audit events or the control socket.
    /// </summary>
    public string? PreSharedKey(Guid authMethodId) => preSharedKeys.TryGetValue(authMethodId, out var key) ? key : null;

    /// <summary>Every auth method's pre-shared key by its id, for IKE's policy translation only.</summary>
    internal IReadOnlyDictionary<Guid, string> PreSharedKeys => preSharedKeys;

    /// <summary>The adapter's addresses as text.</summary>
    public IReadOnlyList<string> Addresses => Host.Addresses.Select(a => a.Address.ToString()).ToList();
}
