using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Enforcement;
using Engine.Host.Policies;

namespace Engine.Host.Tests.Support;

/// <summary>An enforcer that records what it is handed (the seam IKE and the data plane implement).</summary>
internal sealed class RecordingEnforcer : IPolicyEnforcer
{
    private readonly ConcurrentQueue<string> calls = new();

    public RecordingEnforcer(string name, bool failToApply = false)
    {
        Name = name;
        FailToApply = failToApply;
    }

    public string Name { get; }

    public bool FailToApply { get; }

    /// <summary>"Apply:POLICY:FILTERS" or "Withdraw", in order.</summary>
    public IReadOnlyList<string> Calls => calls.ToList();

    public Task ApplyAsync(PolicySnapshot policy, CancellationToken cancellationToken)
    {
        calls.Enqueue($"Apply:{policy.Policy?.Name ?? "(none)"}:{policy.FilterCount}");
        return FailToApply ? Task.FromException(new InvalidOperationException("the enforcer broke")) : Task.CompletedTask;
    }

    public Task WithdrawAsync(CancellationToken cancellationToken)
    {
        calls.Enqueue("Withdraw");
        return Task.CompletedTask;
    }
}
