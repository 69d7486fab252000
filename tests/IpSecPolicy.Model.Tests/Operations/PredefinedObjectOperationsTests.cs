using System;
using System.Linq;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Operations;

public sealed class PredefinedObjectOperationsTests
{
    private static readonly DateTimeOffset Created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_store_has_nothing_to_restore()
    {
        var document = PredefinedObjects.NewStore(Created);

        Assert.Empty(document.PredefinedObjectsToRestore());
        var outcome = document.RestorePredefinedObjects(Now);
        Assert.Empty(outcome.Restored);
        Assert.Null(outcome.ClearedAssignment);
    }

    [Fact]
    public void Missing_objects_are_added_and_changed_ones_reset()
    {
        var document = PredefinedObjects.NewStore(Created);
        document.FilterLists.RemoveAll(l => l.Name == PredefinedObjects.AllIcmpTraffic);
        document.GetFilterAction(PredefinedObjects.RequireSecurity).FallbackToClear = true;
        document.GetPolicy(PredefinedObjects.ServerPolicy).Rules.RemoveAt(1);
        document.GetPolicy(PredefinedObjects.ClientPolicy).DefaultResponseRule.Active = false;

        var plan = document.PredefinedObjectsToRestore();

        Assert.Equal(new[]
        {
            "filter list 'All ICMP Traffic' (missing)",
            "filter action 'Require Security' (changed)",
            "policy 'Client (Respond Only)' (changed)",
            "policy 'Server (Request Security)' (changed)",
        }, plan.Select(p => p.Description));

        var outcome = document.RestorePredefinedObjects(Now);

        Assert.Equal(4, outcome.Restored.Count);
        Assert.Empty(document.PredefinedObjectsToRestore());
        Assert.False(document.GetFilterAction(PredefinedObjects.RequireSecurity).FallbackToClear);
        Assert.Equal(Now, document.GetFilterAction(PredefinedObjects.RequireSecurity).LastModified);
        Assert.Equal(Created, document.GetFilterAction(PredefinedObjects.Permit).LastModified);
        Assert.Equal(2, document.GetPolicy(PredefinedObjects.ServerPolicy).Rules.Count);
        Assert.True(document.GetPolicy(PredefinedObjects.ClientPolicy).DefaultResponseRule.Active);
    }

    [Fact]
    public void Objects_the_administrator_created_are_untouched()
    {
        var document = PredefinedObjects.NewStore(Created);
        document.AddPolicy(new Policy { Name = "Partner", Rules = { new Rule { Name = "R", FilterList = "All IP Traffic", FilterAction = "Permit" } } }, Created);
        document.FilterLists.Add(new FilterList { Name = "Mine", Filters = { new Filter() } });
        document.FilterActions.Add(new FilterAction { Name = "Drop", Action = FilterActionType.Block });
        document.GetFilterList(PredefinedObjects.AllIpTraffic).Filters.Clear();

        var outcome = document.RestorePredefinedObjects(Now);

        Assert.Equal(PredefinedObjects.AllIpTraffic, ((FilterList)Assert.Single(outcome.Restored)).Name);
        Assert.Equal("R", document.GetPolicy("Partner").Rules.Single().Name);
        Assert.NotNull(document.FindFilterList("Mine"));
        Assert.NotNull(document.FindFilterAction("Drop"));
    }

    [Fact]
    public void Auth_method_ids_and_times_do_not_count_as_changes()
    {
        var document = PredefinedObjects.NewStore(Created);
        foreach (var method in document.Policies.SelectMany(p => p.Rules).SelectMany(r => r.AuthMethods))
        {
            method.Id = Guid.NewGuid();
        }

        Assert.Empty(document.PredefinedObjectsToRestore());
    }

    [Fact]
    public void A_change_of_auth_method_in_a_predefined_policy_counts()
    {
        var document = PredefinedObjects.NewStore(Created);
        document.GetPolicy(PredefinedObjects.SecureServerPolicy).Rules[0].AuthMethods[0] = AuthMethod.ForCertificate("CN=Root");

        Assert.Equal(PredefinedObjects.SecureServerPolicy, Assert.Single(document.PredefinedObjectsToRestore()).Name);
    }

    [Fact]
    public void Include_limits_the_restore()
    {
        var document = PredefinedObjects.NewStore(Created);
        document.FilterLists.Clear();
        document.FilterActions.Clear();

        var outcome = document.RestorePredefinedObjects(Now, r => r.Kind == PredefinedObjectKind.FilterList);

        Assert.Equal(2, outcome.Restored.Count);
        Assert.Equal(2, document.FilterLists.Count);
        Assert.Empty(document.FilterActions);
    }

    [Fact]
    public void The_assignment_stays_on_a_restored_or_untouched_policy()
    {
        var document = PredefinedObjects.NewStore(Created);
        document.Assign(PredefinedObjects.SecureServerPolicy);
        document.GetPolicy(PredefinedObjects.SecureServerPolicy).MainModeLifetimeMinutes = 60;

        var outcome = document.RestorePredefinedObjects(Now);

        Assert.Null(outcome.ClearedAssignment);
        Assert.Equal(PredefinedObjects.SecureServerPolicy, document.Assigned!.Name);
        Assert.Equal(Policy.DefaultMainModeLifetimeMinutes, document.Assigned.MainModeLifetimeMinutes);
    }

    [Fact]
    public void An_assignment_to_a_removed_predefined_policy_points_at_it_again()
    {
        var document = PredefinedObjects.NewStore(Created);
        document.AssignedPolicy = PredefinedObjects.ClientPolicy;
        document.Policies.RemoveAll(p => p.Name == PredefinedObjects.ClientPolicy);

        var outcome = document.RestorePredefinedObjects(Now);

        Assert.Null(outcome.ClearedAssignment);
        Assert.NotNull(document.Assigned);
    }

    [Fact]
    public void An_assignment_to_a_policy_that_does_not_exist_is_cleared()
    {
        var document = PredefinedObjects.NewStore(Created);
        document.AssignedPolicy = "Gone";

        var outcome = document.RestorePredefinedObjects(Now);

        Assert.Equal("Gone", outcome.ClearedAssignment);
        Assert.Null(document.AssignedPolicy);
    }

    [Fact]
    public void A_renamed_predefined_object_is_the_administrators_and_the_predefined_one_comes_back()
    {
        var document = PredefinedObjects.NewStore(Created);
        document.GetFilterAction(PredefinedObjects.Permit).Name = "Allow";

        document.RestorePredefinedObjects(Now);

        Assert.NotNull(document.FindFilterAction("Allow"));
        Assert.Equal(FilterActionType.Permit, document.GetFilterAction(PredefinedObjects.Permit).Action);
    }

    [Fact]
    public void A_change_of_security_methods_in_a_predefined_action_counts()
    {
        var document = PredefinedObjects.NewStore(Created);
        document.GetFilterAction(PredefinedObjects.RequestSecurity).SecurityMethods.Reverse();

        var restore = Assert.Single(document.PredefinedObjectsToRestore());

        Assert.Equal(PredefinedObjectKind.FilterAction, restore.Kind);
        Assert.Equal(RestoreReason.Changed, restore.Reason);
        document.RestorePredefinedObjects(Now);
        Assert.Equal(SecurityMethod.Defaults, document.GetFilterAction(PredefinedObjects.RequestSecurity).SecurityMethods);
    }
}
