using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Tests.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace Engine.Host.Tests;

/// <summary>Reading the store's assigned policy, compiling it for the adapter, and Sync telling what changed.</summary>
public sealed class PolicySyncTests : IAsyncLifetime
{
    private readonly TestEngine engine = new();

    public async Task InitializeAsync()
    {
        engine.Store.Update(document => document.Assign(PredefinedObjects.SecureServerPolicy));
        await engine.StartAsync();
    }

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public void The_assigned_policy_is_compiled_for_the_adapter_at_start()
    {
        var status = engine.Status();
        var document = engine.Store.Read();
        var expected = PolicyCompiler.Compile(document, document.Assigned!, engine.Hosts.Discover("test0"));

        Assert.Equal(PredefinedObjects.SecureServerPolicy, status.Policy);
        Assert.Equal(document.Assigned!.LastModified, status.PolicyLastModified);
        Assert.Equal(expected.Filters.Count, status.FilterCount);
        Assert.True(status.FilterCount > 0);
        var applied = Assert.Single(engine.Events(AuditEventIds.PolicyApplied));
        Assert.Equal(PredefinedObjects.SecureServerPolicy, applied.Data["Policy"]);
        Assert.Equal("Start", applied.Data["Trigger"]);
        Assert.Contains(engine.Log.Entries, e => e.EventId.Id == 1201);
    }

    [Fact]
    public void A_sync_that_finds_nothing_new_says_so_and_is_audited_as_5465()
    {
        var result = engine.Call<PolicySyncResult>(ControlCommands.Sync);

        Assert.False(result.Changed);
        Assert.Empty(result.Changes);
        Assert.Equal(result.PreviousFilterCount, result.FilterCount);
        Assert.Equal(engine.StorePath, result.StorePath);
        Assert.Equal("Processed a forced reload of the policy: nothing changed.", engine.Events(AuditEventIds.PolicyReloaded).Single().Message);
        Assert.Single(engine.Events(AuditEventIds.PolicyApplied));
    }

    [Fact]
    public void Assigning_another_policy_is_applied_on_sync()
    {
        engine.Store.Update(document => document.Assign(PredefinedObjects.ServerPolicy));

        var result = engine.Call<PolicySyncResult>(ControlCommands.Sync);

        Assert.True(result.Changed);
        Assert.Equal((PredefinedObjects.SecureServerPolicy, PredefinedObjects.ServerPolicy), (result.PreviousPolicy, result.Policy));
        Assert.Contains($"Assigned policy: '{PredefinedObjects.SecureServerPolicy}' -> '{PredefinedObjects.ServerPolicy}'.", result.Changes);
        Assert.Equal(PredefinedObjects.ServerPolicy, engine.Status().Policy);
        Assert.Equal(PredefinedObjects.ServerPolicy, engine.Events(AuditEventIds.PolicyApplied)[0].Data["Policy"]);
        Assert.Contains(result.Changes[0], engine.Events(AuditEventIds.PolicyReloaded)[0].Message);
    }

    [Fact]
    public void A_changed_filter_list_is_found_although_no_policy_was_modified()
    {
        engine.Store.Update(document => document.AddFilter(PredefinedObjects.AllIcmpTraffic,
            new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Parse("198.51.100.7"), Protocol = FilterProtocol.Parse("TCP") },
            DateTimeOffset.UtcNow));

        var result = engine.Call<PolicySyncResult>(ControlCommands.Sync);

        Assert.True(result.Changed);
        Assert.Equal(2, result.FiltersAdded); // the filter and its mirror
        Assert.Equal(0, result.FiltersRemoved);
        Assert.Equal(result.PreviousFilterCount + 2, result.FilterCount);
        Assert.Contains(result.Changes, c => c.StartsWith("The filter lists, filter actions, keys or configuration", StringComparison.Ordinal));
    }

    [Fact]
    public void Unassigning_leaves_nothing_to_enforce()
    {
        engine.Store.Update(document => document.Unassign());

        var result = engine.Call<PolicySyncResult>(ControlCommands.Sync);

        Assert.True(result.Changed);
        Assert.Null(result.Policy);
        Assert.Equal(0, result.FilterCount);
        Assert.Equal(result.PreviousFilterCount, result.FiltersRemoved);
        Assert.Contains($"Policy '{PredefinedObjects.SecureServerPolicy}' is no longer assigned: no policy is enforced.", result.Changes);
        Assert.Null(engine.Status().Policy);
    }

    [Fact]
    public void New_adapter_addresses_recompile_the_policy()
    {
        engine.Hosts.SetAddresses("192.0.2.99");

        var result = engine.Call<PolicySyncResult>(ControlCommands.Sync);

        Assert.True(result.Changed);
        Assert.Contains("Addresses of test0: 192.0.2.10, 2001:db8::10 -> 192.0.2.99.", result.Changes);
        Assert.Equal(new[] { "192.0.2.99" }, engine.Status().Addresses);
    }

    [Fact]
    public void A_store_that_turned_unreadable_is_refused_and_the_policy_in_force_stays()
    {
        File.WriteAllText(Path.Combine(engine.StorePath, PolicyStore.DocumentFileName), "{ broken");

        var error = Assert.Throws<ControlException>(() => engine.Call<PolicySyncResult>(ControlCommands.Sync));

        Assert.Equal((ErrorIds.StoreCorrupt, "InvalidData"), (error.ErrorId, error.Category));
        Assert.Equal(PredefinedObjects.SecureServerPolicy, engine.Status().Policy);
        var failure = engine.Events(AuditEventIds.PolicyApplyFailed).Single();
        Assert.Equal(AuditOutcome.Failure, failure.Outcome);
        Assert.Equal(ErrorIds.StoreCorrupt, failure.Data["ErrorId"]);
        Assert.EndsWith($"Policy '{PredefinedObjects.SecureServerPolicy}' stays in force.", failure.Message);
    }

    [Fact]
    public void An_adapter_that_went_away_is_refused_and_the_policy_in_force_stays()
    {
        engine.Hosts.Present = false;

        var error = Assert.Throws<ControlException>(() => engine.Call<PolicySyncResult>(ControlCommands.Sync));

        Assert.Equal((ErrorIds.InterfaceNotFound, "ObjectNotFound"), (error.ErrorId, error.Category));
        Assert.True(engine.Status().FilterCount > 0);
    }

    [Fact]
    public void A_policy_with_rules_that_cannot_compile_here_is_applied_with_its_warnings_as_5462()
    {
        engine.Store.Update(document =>
        {
            document.AddFilter(PredefinedObjects.AllIcmpTraffic,
                new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Parse("Dns") }, DateTimeOffset.UtcNow);
        });

        var result = engine.Call<PolicySyncResult>(ControlCommands.Sync);

        Assert.NotEmpty(result.Warnings);
        Assert.NotEmpty(engine.Status().PolicyWarnings);
        var partial = engine.Events(AuditEventIds.PolicyPartlyApplied).First();
        Assert.Equal(AuditOutcome.Failure, partial.Outcome);
        Assert.Contains("DNS server", partial.Data["Warnings"]);
    }
}
