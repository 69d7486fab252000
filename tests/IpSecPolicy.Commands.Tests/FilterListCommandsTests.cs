using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Tests;

public sealed class FilterListCommandsTests : IDisposable
{
    private readonly PowerShellSession session = new();

    [Fact]
    public void New_list_is_empty_and_listed()
    {
        var list = session.Invoke("New-IpSecFilterList -Name 'SQL Servers' -Description 'The database tier'").Ok().Single<FilterList>();

        Assert.Equal("SQL Servers", list.Name);
        Assert.Equal("The database tier", list.Description);
        Assert.Empty(list.Filters);
        Assert.Equal("SQL Servers", session.Invoke("Get-IpSecFilterList -Name 'sql*'").Ok().Single<FilterList>().Name);
    }

    [Fact]
    public void Get_takes_wildcards_and_lists_the_predefined_lists()
    {
        var names = session.Invoke("Get-IpSecFilterList -Name 'All*'").Ok().All<FilterList>().Select(l => l.Name);

        Assert.Equal(new[] { PredefinedObjects.AllIpTraffic, PredefinedObjects.AllIcmpTraffic }, names);
    }

    [Fact]
    public void Get_of_a_plain_name_that_matches_nothing_is_not_found()
    {
        var error = session.SingleError("Get-IpSecFilterList -Name Nope, 'Nothing*'");

        Assert.Equal("FilterListNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("Nope", error.TargetObject);
    }

    [Fact]
    public void Get_takes_names_from_the_pipeline()
    {
        var lists = session.Invoke("'All IP Traffic', 'All ICMP Traffic' | Get-IpSecFilterList").Ok().All<FilterList>();

        Assert.Equal(2, lists.Count);
    }

    [Fact]
    public void New_with_WhatIf_changes_nothing()
    {
        session.Invoke("New-IpSecFilterList -Name Ghost -WhatIf").Ok();

        Assert.Equal("FilterListNotFound", ModelErrors.Id(session.SingleError("Get-IpSecFilterList -Name Ghost")));
    }

    [Fact]
    public void New_refuses_a_name_that_exists_in_another_case()
    {
        var error = session.SingleError("New-IpSecFilterList -Name 'ALL IP TRAFFIC'");

        Assert.Equal("NameCollision", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
    }

    [Fact]
    public void New_refuses_the_default_response_rules_list_name()
    {
        var error = session.SingleError("New-IpSecFilterList -Name '<Dynamic>'");

        Assert.Equal("InvalidName", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void New_takes_names_and_descriptions_by_property_name()
    {
        session.Invoke("'Web', 'Mail' | ForEach-Object { [pscustomobject]@{ Name = $_; Description = \"$_ servers\" } } | New-IpSecFilterList").Ok();

        var lists = session.Invoke("Get-IpSecFilterList -Name Web, Mail").Ok().All<FilterList>();
        Assert.Equal(new[] { "Web servers", "Mail servers" }, lists.Select(l => l.Description));
    }

    [Fact]
    public void Set_with_a_new_name_follows_into_every_rule()
    {
        var renamed = session.Invoke("Set-IpSecFilterList -Name 'All IP Traffic' -NewName 'Everything' -PassThru").Ok().Single<FilterList>();

        Assert.Equal("Everything", renamed.Name);
        var rules = new PolicyStore(session.StorePath).Read().Policies.SelectMany(p => p.Rules).Where(r => r.Name.StartsWith("All IP Traffic", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Equal("Everything", r.FilterList));
    }

    [Fact]
    public void Set_takes_lists_from_the_pipeline_and_changes_only_what_is_given()
    {
        session.Invoke("New-IpSecFilterList -Name Web -Description 'old'").Ok();

        var list = session.Invoke("Get-IpSecFilterList -Name Web | Set-IpSecFilterList -Description 'Web farm' -PassThru").Ok().Single<FilterList>();

        Assert.Equal("Web", list.Name);
        Assert.Equal("Web farm", list.Description);
    }

    [Fact]
    public void Set_without_PassThru_writes_nothing_and_WhatIf_changes_nothing()
    {
        Assert.Empty(session.Invoke("Set-IpSecFilterList -Name 'All ICMP Traffic' -Description 'x'").Ok().Output);

        session.Invoke("Set-IpSecFilterList -Name 'All ICMP Traffic' -NewName 'Pings' -WhatIf").Ok();

        Assert.Equal("x", session.Invoke("Get-IpSecFilterList -Name 'All ICMP Traffic'").Ok().Single<FilterList>().Description);
    }

    [Fact]
    public void Set_refuses_a_new_name_that_another_list_has()
    {
        var error = session.SingleError("Set-IpSecFilterList -Name 'All ICMP Traffic' -NewName 'all ip traffic'");

        Assert.Equal("NameCollision", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
    }

    [Fact]
    public void Remove_refuses_a_list_in_use_naming_the_policy_and_rule()
    {
        var error = session.SingleError("Remove-IpSecFilterList -Name 'All IP Traffic'");

        Assert.Equal("FilterListInUse", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal("All IP Traffic", error.TargetObject);
        Assert.Contains("Policy 'Secure Server (Require Security)' / Rule 'All IP Traffic - Require Security'", error.Exception.Message);
    }

    [Fact]
    public void Remove_takes_an_array_of_names_and_passes_the_removed_lists_through()
    {
        session.Invoke("New-IpSecFilterList A; New-IpSecFilterList B").Ok();

        var removed = session.Invoke("Remove-IpSecFilterList -Name A, B -PassThru").Ok().All<FilterList>();

        Assert.Equal(new[] { "A", "B" }, removed.Select(l => l.Name));
        Assert.Equal(2, session.Invoke("Get-IpSecFilterList -Name A, B").Errors.Count);
    }

    [Fact]
    public void Remove_takes_lists_from_the_pipeline_and_goes_on_after_a_refusal()
    {
        session.Invoke("New-IpSecFilterList Temp1; New-IpSecFilterList Temp2").Ok();

        var result = session.Invoke("Get-IpSecFilterList | Remove-IpSecFilterList");

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal("FilterListInUse", ModelErrors.Id(e)));
        Assert.Equal(new[] { PredefinedObjects.AllIpTraffic, PredefinedObjects.AllIcmpTraffic },
            session.Invoke("Get-IpSecFilterList").Ok().All<FilterList>().Select(l => l.Name));
    }

    [Fact]
    public void Remove_with_WhatIf_changes_nothing()
    {
        session.Invoke("New-IpSecFilterList Keep; Remove-IpSecFilterList Keep -WhatIf").Ok();

        Assert.Single(session.Invoke("Get-IpSecFilterList Keep").Ok().Output);
    }

    [Fact]
    public void Remove_with_WhatIf_still_reports_a_list_in_use()
    {
        var result = session.Invoke("New-IpSecFilterList Unused; Get-IpSecFilterList | Remove-IpSecFilterList -WhatIf");

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal("FilterListInUse", ModelErrors.Id(e)));
        Assert.Equal(3, session.Invoke("Get-IpSecFilterList").Ok().Output.Count);
    }

    [Fact]
    public void Lists_print_as_a_table()
    {
        var text = session.Render("Get-IpSecFilterList");

        Assert.Contains("Filters", text);
        Assert.Contains("Last Modified", text);
        Assert.Contains("All ICMP Traffic", text);
    }

    [Fact]
    public void List_names_from_the_sessions_store_complete_with_tab()
    {
        session.Invoke("New-IpSecFilterList -Name 'Web Farm'").Ok();

        Assert.Equal(new[] { "'Web Farm'" }, TabCompletion.At(session, "Get-IpSecFilter -FilterList we"));
        Assert.Equal(new[] { "'All ICMP Traffic'", "'All IP Traffic'" }, TabCompletion.At(session, "Remove-IpSecFilterList -Name all"));
    }

    public void Dispose() => session.Dispose();
}
