using System;
using System.Linq;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Tests;

public sealed class DefaultPolicyCommandsTests : IDisposable
{
    private readonly PowerShellSession session = new();

    private void Change(Action<StoreDocument> change) => new PolicyStore(session.StorePath).Update(change);

    private StoreDocument Read() => new PolicyStore(session.StorePath).Read();

    [Fact]
    public void A_new_store_has_nothing_to_restore()
    {
        var result = session.Invoke("Restore-IpSecDefaultPolicy -PassThru -Verbose").Ok();

        Assert.Empty(result.Output);
        Assert.Contains("nothing to restore", Assert.Single(result.Verbose));
    }

    [Fact]
    public void Missing_objects_come_back_changed_ones_are_reset_and_the_admins_are_untouched()
    {
        session.Invoke("New-IpSecPolicy -Name Partner | Out-Null; New-IpSecRule -Policy Partner -Name Icmp -FilterList 'All ICMP Traffic' -FilterAction Permit | Out-Null").Ok();
        session.Invoke("Remove-IpSecPolicy -Name 'Client (Respond Only)'; Remove-IpSecRule -Policy 'Server (Request Security)' -Name 'All ICMP Traffic - Permit'").Ok();
        Change(d =>
        {
            d.GetFilterAction("Require Security").FallbackToClear = true;
            d.FilterLists.Add(new FilterList { Name = "Mine", Filters = { new Filter() } });
        });

        var restored = session.Invoke("Restore-IpSecDefaultPolicy -PassThru").Ok().Output.Select(o => o.BaseObject).ToList();

        Assert.Equal(new[] { "FilterAction Require Security", "Policy Client (Respond Only)", "Policy Server (Request Security)" },
            restored.Select(o => $"{o.GetType().Name} {o}"));
        var document = Read();
        Assert.False(document.GetFilterAction("Require Security").FallbackToClear);
        Assert.Equal(2, document.GetPolicy("Server (Request Security)").Rules.Count);
        Assert.Equal("Icmp", document.GetPolicy("Partner").Rules.Single().Name);
        Assert.NotNull(document.FindFilterList("Mine"));
    }

    [Fact]
    public void WhatIf_lists_what_would_be_restored_and_changes_nothing()
    {
        session.Invoke("Remove-IpSecPolicy -Name 'Client (Respond Only)'; Set-IpSecDefaultResponseRule -Policy 'Server (Request Security)' -Active $false").Ok();

        var text = session.Render("Restore-IpSecDefaultPolicy -WhatIf");

        Assert.Contains("What if: Performing the operation \"Restore predefined policy (missing)\" on target \"Client (Respond Only)\"", text);
        Assert.Contains("What if: Performing the operation \"Restore predefined policy (changed)\" on target \"Server (Request Security)\"", text);
        Assert.Equal(2, text.Split('\n').Count(line => line.StartsWith("What if:", StringComparison.Ordinal)));
        Assert.Null(Read().FindPolicy("Client (Respond Only)"));
        Assert.False(Read().GetPolicy("Server (Request Security)").DefaultResponseRule.Active);
    }

    [Fact]
    public void The_assignment_stays_and_a_reset_assigned_policy_is_warned_about()
    {
        session.Invoke("Enable-IpSecPolicy -Name 'Secure Server (Require Security)'; Set-IpSecPolicy -Name 'Secure Server (Require Security)' -MainModeLifetimeMinutes 60").Ok();

        var result = session.Invoke("Restore-IpSecDefaultPolicy").Ok();

        var policy = session.Invoke("Get-IpSecPolicy -Assigned").Ok().Single<Policy>();
        Assert.Equal("Secure Server (Require Security)", policy.Name);
        Assert.Equal(480, policy.MainModeLifetimeMinutes);
        Assert.Contains("assigned", Assert.Single(result.Warnings));
    }

    [Fact]
    public void An_assignment_to_a_policy_that_does_not_exist_is_cleared()
    {
        Change(d => d.AssignedPolicy = "Gone");

        var whatIf = session.Render("Restore-IpSecDefaultPolicy -WhatIf");
        Assert.Equal("Gone", Read().AssignedPolicy);
        var result = session.Invoke("Restore-IpSecDefaultPolicy").Ok();

        Assert.Contains("Clear the assignment", whatIf);
        Assert.Contains("'Gone'", Assert.Single(result.Warnings));
        Assert.Null(Read().AssignedPolicy);
    }

    [Fact]
    public void Restored_objects_print_through_their_own_views()
    {
        session.Invoke("Remove-IpSecPolicy -Name 'Client (Respond Only)'").Ok();

        var text = session.Render("Restore-IpSecDefaultPolicy -PassThru");

        Assert.Contains("MM Methods", text);
        Assert.Contains("Client (Respond Only)", text);
    }

    public void Dispose() => session.Dispose();
}
