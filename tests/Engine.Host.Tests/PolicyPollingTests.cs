using System;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Tests.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Host.Tests;

/// <summary>Windows' polling: the store is re-read every PollingIntervalMinutes of the assigned policy, on a fake clock.</summary>
public sealed class PolicyPollingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly TestEngine engine;

    public PolicyPollingTests()
    {
        engine = new TestEngine(time: clock);
    }

    public async Task InitializeAsync()
    {
        engine.Store.Update(document => document.Assign(PredefinedObjects.SecureServerPolicy));
        await engine.StartAsync();
    }

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task A_poll_after_the_interval_finds_no_change_and_audits_5463()
    {
        Assert.Equal(clock.GetUtcNow().AddMinutes(180), engine.Status().NextPolicyPoll);

        clock.Advance(TimeSpan.FromMinutes(179));
        await Task.Delay(100);
        Assert.Empty(engine.Events(AuditEventIds.PolicyPollUnchanged));

        clock.Advance(TimeSpan.FromMinutes(1));
        var polled = await engine.WaitForEventAsync(AuditEventIds.PolicyPollUnchanged);

        Assert.Equal(AuditOutcome.Success, polled.Outcome);
        Assert.Equal(clock.GetUtcNow().AddMinutes(180), engine.Status().NextPolicyPoll);
    }

    [Fact]
    public async Task A_poll_that_finds_a_change_applies_it_and_audits_5464()
    {
        engine.Store.Update(document => document.Assign(PredefinedObjects.ServerPolicy));

        clock.Advance(TimeSpan.FromMinutes(180));
        var polled = await engine.WaitForEventAsync(AuditEventIds.PolicyPollChanged);

        Assert.Contains(PredefinedObjects.ServerPolicy, polled.Message);
        Assert.Equal(PredefinedObjects.ServerPolicy, engine.Status().Policy);
        Assert.Equal(PredefinedObjects.ServerPolicy, engine.Events(AuditEventIds.PolicyApplied)[0].Data["Policy"]);
    }

    [Fact]
    public async Task A_sync_restarts_the_wait_and_the_new_policy_sets_the_interval()
    {
        engine.Store.Update(document => document.Assign(PredefinedObjects.ServerPolicy));
        engine.Store.Update(document => document.GetPolicy(PredefinedObjects.ServerPolicy).PollingIntervalMinutes = 5);
        clock.Advance(TimeSpan.FromMinutes(100));

        engine.Call<PolicySyncResult>(ControlCommands.Sync);

        Assert.Equal(clock.GetUtcNow().AddMinutes(5), engine.Status().NextPolicyPoll);
        clock.Advance(TimeSpan.FromMinutes(5));
        await engine.WaitForEventAsync(AuditEventIds.PolicyPollUnchanged);
    }

    [Fact]
    public async Task An_interval_of_0_turns_polling_off()
    {
        engine.Store.Update(document => document.GetPolicy(PredefinedObjects.SecureServerPolicy).PollingIntervalMinutes = 0);
        engine.Call<PolicySyncResult>(ControlCommands.Sync);

        Assert.Null(engine.Status().NextPolicyPoll);
        clock.Advance(TimeSpan.FromDays(60));
        await Task.Delay(200);
        Assert.Empty(engine.Events(AuditEventIds.PolicyPollUnchanged, AuditEventIds.PolicyPollChanged));
    }
}
