using System;
using System.Linq;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Tests.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;

namespace Engine.Host.Tests;

/// <summary>The seam IKE and the data plane plug into: what an IPolicyEnforcer is handed, and when.</summary>
public sealed class EnforcerSeamTests
{
    [Fact]
    public async Task Enforcers_get_the_policy_at_start_and_on_each_change_and_are_withdrawn_on_stop()
    {
        await using var engine = new TestEngine();
        var ike = new RecordingEnforcer("IKEv1");
        var dataPlane = new RecordingEnforcer("ESP data plane");
        engine.Enforcers.AddRange(new[] { ike, dataPlane });
        engine.Store.Update(document => document.Assign(PredefinedObjects.SecureServerPolicy));
        await engine.StartAsync();
        var filters = engine.Status().FilterCount;

        engine.Call<PolicySyncResult>(ControlCommands.Sync);
        engine.Store.Update(document => document.Unassign());
        engine.Call<PolicySyncResult>(ControlCommands.Sync);
        Assert.Equal(new[] { "IKEv1", "ESP data plane" }, engine.Status().Enforcers);
        Assert.Equal(EngineExitCode.Stopped, await engine.StopAsync());

        var expected = new[] { $"Apply:{PredefinedObjects.SecureServerPolicy}:{filters}", "Apply:(none):0", "Withdraw" };
        Assert.Equal(expected, ike.Calls);
        Assert.Equal(expected, dataPlane.Calls);
    }

    [Fact]
    public async Task An_enforcer_that_fails_is_audited_and_does_not_keep_the_others_from_the_policy()
    {
        await using var engine = new TestEngine();
        var broken = new RecordingEnforcer("broken", failToApply: true);
        var healthy = new RecordingEnforcer("healthy");
        engine.Enforcers.AddRange(new[] { broken, healthy });
        engine.Store.Update(document => document.Assign(PredefinedObjects.SecureServerPolicy));

        await engine.StartAsync();

        Assert.Single(healthy.Calls);
        var failure = engine.Events(AuditEventIds.PolicyApplyFailed).Single();
        Assert.Equal("broken", failure.Data["Enforcer"]);
        Assert.Contains("the enforcer broke", failure.Message);
    }

    [Fact]
    public async Task Without_enforcers_the_engine_says_it_enforces_nothing()
    {
        await using var engine = new TestEngine();

        await engine.StartAsync();

        Assert.Empty(engine.Status().Enforcers);
        Assert.Contains(engine.Log.Entries, e => e.EventId.Id == 1007);
        Assert.Equal(string.Empty, engine.Events(AuditEventIds.EngineStarted).Single().Data["Enforcers"]);
    }
}
