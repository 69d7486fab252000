using System;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Operations;

public class FilterListOperationsTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly StoreDocument document = PredefinedObjects.NewStore(Now.AddDays(-1));

    [Fact]
    public void Adds_a_list_with_a_trimmed_name_and_a_timestamp()
    {
        var list = document.AddFilterList(new FilterList { Name = "  SQL Servers ", Description = "The database tier" }, Now);

        Assert.Equal("SQL Servers", list.Name);
        Assert.Equal(Now, list.LastModified);
        Assert.Same(list, document.GetFilterList("sql servers"));
    }

    [Fact]
    public void Refuses_a_name_that_collides_case_insensitively()
    {
        var error = Assert.Throws<PolicyException>(() => document.AddFilterList(new FilterList { Name = "ALL IP TRAFFIC" }, Now));

        Assert.Equal(ErrorIds.NameCollision, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.ResourceExists, error.Category);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Web*")]
    [InlineData("<Dynamic>")]
    public void Refuses_names_that_cannot_be_list_names(string name)
    {
        var error = Assert.Throws<PolicyException>(() => document.AddFilterList(new FilterList { Name = name }, Now));

        Assert.Equal(ErrorIds.InvalidName, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, error.Category);
    }

    [Fact]
    public void Checks_the_filters_a_new_list_comes_with()
    {
        var list = new FilterList { Name = "Bad", Filters = { new Filter { Protocol = FilterProtocol.Icmp, DestinationPort = 80 } } };

        var error = Assert.Throws<PolicyException>(() => document.AddFilterList(list, Now));

        Assert.Equal(ErrorIds.PortsRequireTcpOrUdp, error.ErrorId);
    }

    [Fact]
    public void Rename_follows_every_rule_that_uses_the_list()
    {
        var list = document.GetFilterList(PredefinedObjects.AllIpTraffic);

        document.RenameFilterList(list, "Everything");

        Assert.Equal("Everything", list.Name);
        Assert.All(list.Filters, f => Assert.Equal("Everything", f.FilterList));
        var rules = document.Policies.SelectMany(p => p.Rules).Where(r => r.Name.StartsWith("All IP Traffic", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Equal("Everything", r.FilterList));
        Assert.Empty(document.RulesUsingFilterList(PredefinedObjects.AllIpTraffic));
    }

    [Fact]
    public void Rename_may_change_only_the_case()
    {
        var list = document.GetFilterList(PredefinedObjects.AllIcmpTraffic);

        document.RenameFilterList(list, "ALL ICMP TRAFFIC");

        Assert.Equal("ALL ICMP TRAFFIC", list.Name);
    }

    [Fact]
    public void Rename_refuses_the_name_of_another_list()
    {
        var list = document.GetFilterList(PredefinedObjects.AllIcmpTraffic);

        var error = Assert.Throws<PolicyException>(() => document.RenameFilterList(list, "all ip traffic"));

        Assert.Equal(ErrorIds.NameCollision, error.ErrorId);
        Assert.Equal(PredefinedObjects.AllIcmpTraffic, list.Name);
    }

    [Fact]
    public void Removes_a_list_no_rule_uses()
    {
        document.AddFilterList(new FilterList { Name = "Unused" }, Now);

        var removed = document.RemoveFilterList("unused");

        Assert.Equal("Unused", removed.Name);
        Assert.Null(document.FindFilterList("Unused"));
    }

    [Fact]
    public void Refuses_to_remove_a_list_in_use_and_names_the_policies_and_rules()
    {
        var error = Assert.Throws<PolicyException>(() => document.RemoveFilterList(PredefinedObjects.AllIpTraffic));

        Assert.Equal(ErrorIds.FilterListInUse, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidOperation, error.Category);
        Assert.Contains("Policy 'Secure Server (Require Security)' / Rule 'All IP Traffic - Require Security'", error.Message);
        Assert.Contains("Policy 'Server (Request Security)' / Rule 'All IP Traffic - Request Security'", error.Message);
        Assert.NotNull(document.FindFilterList(PredefinedObjects.AllIpTraffic));
    }

    [Fact]
    public void Removing_a_missing_list_is_not_found()
    {
        var error = Assert.Throws<PolicyException>(() => document.RemoveFilterList("Nope"));

        Assert.Equal(ErrorIds.FilterListNotFound, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.ObjectNotFound, error.Category);
    }
}
