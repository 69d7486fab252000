using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Enforcement;
using Engine.Host.Logging;
using Engine.Host.Options;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Policies;

/// <summary>
/// Keeps the policy in force, like Windows' IPsec Policy Agent: reads the store's assigned policy at
/// start, re-reads it on Sync and on every polling interval, and hands each change to the enforcers.
/// A reading that fails (store unreadable, adapter gone) leaves the policy in force as it was.
/// Readings are serialized: a Sync during a poll waits for it and then reads again.
/// </summary>
public sealed class PolicyAgent : IDisposable
{
    /// <summary>From this many effective filters on, applying a policy ends with a full, compacting collection.</summary>
    private const int LargePolicyFilters = 10_000;

    private readonly PolicyLoader loader;
    private readonly IReadOnlyList<IPolicyEnforcer> enforcers;
    private readonly IAuditSink audit;
    private readonly TimeProvider time;
    private readonly ILogger<PolicyAgent> logger;
    private readonly EngineOptions options;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly object scheduleGate = new();
    private CancellationTokenSource scheduleChanged = new();
    private PolicySnapshot? current;
    private DateTimeOffset lastCheck;

    public PolicyAgent(PolicyLoader loader, IEnumerable<IPolicyEnforcer> enforcers, IAuditSink audit, TimeProvider time,
        ILogger<PolicyAgent> logger, EngineOptions options)
    {
        this.loader = loader;
        this.enforcers = enforcers.ToList();
        this.audit = audit;
        this.time = time;
        this.logger = logger;
        this.options = options;
    }

    /// <summary>The policy in force.</summary>
    public PolicySnapshot Current => current ?? throw new InvalidOperationException("The policy has not been loaded yet.");

    public IReadOnlyList<IPolicyEnforcer> Enforcers => enforcers;

    /// <summary>When the store was last read, successfully or not.</summary>
    public DateTimeOffset LastCheck
    {
        get
        {
            lock (scheduleGate)
            {
                return lastCheck;
            }
        }

        private set
        {
            lock (scheduleGate)
            {
                lastCheck = value;
            }
        }
    }

    /// <summary>When the poller reads the store next: the last reading plus the policy's interval; null when polling is off.</summary>
    public DateTimeOffset? NextPoll => current?.PollingInterval is { } interval ? LastCheck + interval : null;

    /// <summary>Cancelled whenever the store was read, so that the poller starts its wait again from then.</summary>
    public CancellationToken ScheduleChanged
    {
        get
        {
            lock (scheduleGate)
            {
                return scheduleChanged.Token;
            }
        }
    }

    /// <summary>The first reading, before the control socket answers.</summary>
    /// <exception cref="PolicyException">The store cannot be read or the adapter does not exist (audit 5461).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            PolicySnapshot snapshot;
            try
            {
                snapshot = loader.Load();
            }
            catch (PolicyException e)
            {
                LastCheck = time.GetUtcNow();
                AuditFailure(SyncTrigger.Start, e);
                throw;
            }

            LastCheck = snapshot.CheckedAt;
            current = snapshot;
            if (snapshot.Policy is null)
            {
                logger.NoPolicyAssigned(options.StorePath);
            }

            await ApplyAsync(snapshot, SyncTrigger.Start, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reads the store again and applies what changed; the result says what that was.</summary>
    /// <exception cref="PolicyException">The store cannot be read or the adapter is gone; the policy in force stays (audit 5461).</exception>
    public async Task<PolicySyncResult> SyncAsync(SyncTrigger trigger, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var before = Current;
            PolicySnapshot after;
            try
            {
                after = loader.Load();
            }
            catch (PolicyException e)
            {
                LastCheck = time.GetUtcNow();
                Reschedule();
                logger.ReadFailed(e.ErrorId, e.Message);
                AuditFailure(trigger, e);
                throw;
            }

            LastCheck = after.CheckedAt;
            var result = PolicyDifference.Between(before, after, options.StorePath);
            // An unchanged reading replaces the snapshot too (same content, newer CheckedAt) but is
            // not handed to the enforcers: they act on changes only.
            current = after;
            Reschedule();
            if (result.Changed)
            {
                logger.Changed(trigger.ToString(), string.Join(" ", result.Changes));
                await ApplyAsync(after, trigger, cancellationToken);
            }
            else
            {
                logger.Unchanged(trigger.ToString());
            }

            AuditSync(trigger, result);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        lock (scheduleGate)
        {
            scheduleChanged.Dispose();
        }

        gate.Dispose();
    }

    private async Task ApplyAsync(PolicySnapshot snapshot, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        if (snapshot.Policy is { } policy)
        {
            logger.Compiled(policy.Name, options.InterfaceAlias, Join(snapshot.Addresses), snapshot.FilterCount, snapshot.Compiled!.Diagnostics.Count);
            foreach (var warning in snapshot.Compiled.Diagnostics)
            {
                logger.CompileWarning(warning.Code, warning.Target, warning.Message);
            }
        }

        foreach (var enforcer in enforcers)
        {
            try
            {
                await enforcer.ApplyAsync(snapshot, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One enforcer failing must not keep the others on the old policy.
                logger.ApplyFailed(enforcer.Name, snapshot.Policy?.Name ?? "(none)", e);
                audit.Write(new AuditRecord(AuditEventIds.PolicyApplyFailed, AuditOutcome.Failure,
                    $"{enforcer.Name} failed to apply policy '{snapshot.Policy?.Name ?? "(none)"}': {e.Message}",
                    Data(snapshot, trigger, ("Enforcer", enforcer.Name), ("Reason", e.Message))));
            }
        }

        if (snapshot.FilterCount >= LargePolicyFilters)
        {
            // Reading, compiling and translating a large policy leaves hundreds of megabytes of
            // garbage (the store's JSON, the nft script, the rules it was written from) that a
            // quiet engine might not collect for a long time; return it to the system now.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        if (snapshot.Policy is { } applied)
        {
            audit.Write(new AuditRecord(AuditEventIds.PolicyApplied, AuditOutcome.Success,
                $"Applied policy '{applied.Name}' from the store: {snapshot.FilterCount} effective filters on {options.InterfaceAlias}.",
                Data(snapshot, trigger)));
            if (snapshot.Compiled!.Diagnostics.Count > 0)
            {
                audit.Write(new AuditRecord(AuditEventIds.PolicyPartlyApplied, AuditOutcome.Failure,
                    $"Some rules or filters of policy '{applied.Name}' could not be applied on {options.InterfaceAlias}: {snapshot.Compiled.Diagnostics.Count} warnings (Test-IpSecPolicy explains them).",
                    Data(snapshot, trigger, ("Warnings", string.Join("\n", snapshot.Warnings)))));
            }
        }
    }

    private void AuditSync(SyncTrigger trigger, PolicySyncResult result)
    {
        var changes = result.Changed ? string.Join(" ", result.Changes) : "nothing changed.";
        var record = trigger switch
        {
            SyncTrigger.Poll when !result.Changed => new AuditRecord(AuditEventIds.PolicyPollUnchanged, AuditOutcome.Success,
                "Polled the store for changes to the assigned policy and found none.", Data(Current, trigger)),
            SyncTrigger.Poll => new AuditRecord(AuditEventIds.PolicyPollChanged, AuditOutcome.Success,
                $"Polled the store, found changes and applied them: {changes}", Data(Current, trigger, ("Changes", changes))),
            _ => new AuditRecord(AuditEventIds.PolicyReloaded, AuditOutcome.Success,
                $"Processed a forced reload of the policy: {changes}", Data(Current, trigger, ("Changes", changes))),
        };
        audit.Write(record);
    }

    private void AuditFailure(SyncTrigger trigger, PolicyException error) =>
        audit.Write(new AuditRecord(AuditEventIds.PolicyApplyFailed, AuditOutcome.Failure,
            $"Failed to apply the policy of the store ({error.ErrorId}): {error.Message}"
            + (current?.Policy is { } kept ? $" Policy '{kept.Name}' stays in force." : string.Empty),
            new Dictionary<string, string>
            {
                ["Store"] = options.StorePath,
                ["Interface"] = options.InterfaceAlias,
                ["Trigger"] = trigger.ToString(),
                ["ErrorId"] = error.ErrorId,
                ["Reason"] = error.Message,
            }));

    private Dictionary<string, string> Data(PolicySnapshot snapshot, SyncTrigger trigger, params (string Name, string Value)[] more)
    {
        var data = new Dictionary<string, string>
        {
            ["Policy"] = snapshot.Policy?.Name ?? "(none)",
            ["Store"] = options.StorePath,
            ["Interface"] = options.InterfaceAlias,
            ["Addresses"] = Join(snapshot.Addresses),
            ["Filters"] = snapshot.FilterCount.ToString(CultureInfo.InvariantCulture),
            ["Trigger"] = trigger.ToString(),
        };
        if (snapshot.Policy is { } policy)
        {
            data["PolicyLastModified"] = policy.LastModified.ToString("o", CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in more)
        {
            data[name] = value;
        }

        return data;
    }

    private void Reschedule()
    {
        lock (scheduleGate)
        {
            // The old source is cancelled, not disposed: the poller may still be linking its token.
            var previous = scheduleChanged;
            scheduleChanged = new CancellationTokenSource();
            previous.Cancel();
        }
    }

    private static string Join(IReadOnlyList<string> addresses) => addresses.Count == 0 ? "none" : string.Join(", ", addresses);
}
