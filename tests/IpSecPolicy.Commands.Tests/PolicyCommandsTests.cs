using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.Tests;

public sealed class PolicyCommandsTests : System.IDisposable
{
    private readonly PowerShellSession session = new();

    [Fact]
    public void New_policy_has_windows_defaults_and_is_listed()
    {
        var policy = session.Invoke("New-IpSecPolicy -Name Partner -Description 'To the partner'").Ok().Single<Policy>();

        Assert.Equal(480, policy.MainModeLifetimeMinutes);
        Assert.Equal(0, policy.MainModeQuickModeLimit);
        Assert.Equal(180, policy.PollingIntervalMinutes);
        Assert.True(policy.ActivateDefaultResponseRule);
        Assert.Contains("Partner", session.Invoke("Get-IpSecPolicy -Name 'Part*'").Ok().All<Policy>().Select(p => p.Name));
    }

    [Fact]
    public void Main_mode_methods_take_the_netsh_string_form()
    {
        var policy = session.Invoke("New-IpSecPolicy -Name P -MainModeSecurityMethod 'AES256-SHA256-14','3DES-SHA1-2'").Ok().Single<Policy>();

        Assert.Equal(new[] { "AES256-SHA256-14", "3DES-SHA1-2" }, policy.MainModeSecurityMethods.Select(m => m.ToString()));
    }

    [Fact]
    public void A_bad_main_mode_method_is_a_binding_error()
    {
        var error = session.SingleError("New-IpSecPolicy -Name P -MainModeSecurityMethod 'AES256-SHA256-3'");

        Assert.StartsWith("ParameterArgumentTransformationError", error.FullyQualifiedErrorId);
        Assert.Contains("DH group", error.Exception.Message);
    }

    [Fact]
    public void WhatIf_changes_nothing()
    {
        session.Invoke("New-IpSecPolicy -Name Ghost -WhatIf").Ok();

        Assert.Equal("PolicyNotFound", session.SingleError("Get-IpSecPolicy -Name Ghost").FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void Names_collide_case_insensitively()
    {
        session.Invoke("New-IpSecPolicy -Name Partner").Ok();

        var error = session.SingleError("New-IpSecPolicy -Name PARTNER");

        Assert.StartsWith("NameCollision", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
    }

    [Fact]
    public void Enable_assigns_one_policy_at_a_time()
    {
        session.Invoke("New-IpSecPolicy -Name A; New-IpSecPolicy -Name B; Enable-IpSecPolicy A").Ok();
        session.Invoke("Get-IpSecPolicy -Name B | Enable-IpSecPolicy").Ok();

        var assigned = session.Invoke("Get-IpSecPolicy -Assigned").Ok().Single<Policy>();
        Assert.Equal("B", assigned.Name);
    }

    [Fact]
    public void Remove_refuses_the_assigned_policy_without_force()
    {
        session.Invoke("New-IpSecPolicy -Name A; Enable-IpSecPolicy A").Ok();

        Assert.StartsWith("PolicyAssigned", session.SingleError("Remove-IpSecPolicy A").FullyQualifiedErrorId);
        session.Invoke("Remove-IpSecPolicy A -Force").Ok();
        Assert.Empty(session.Invoke("Get-IpSecPolicy -Assigned").Ok().Output);
    }

    [Fact]
    public void WhatIf_on_the_assigned_policy_reports_the_refusal_instead_of_a_removal()
    {
        session.Invoke("New-IpSecPolicy -Name A; Enable-IpSecPolicy A").Ok();

        var result = session.Invoke("Remove-IpSecPolicy A -WhatIf");

        Assert.StartsWith("PolicyAssigned", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Single(session.Invoke("Get-IpSecPolicy -Name A").Ok().Output);
    }

    [Fact]
    public void Set_renames_and_keeps_the_assignment()
    {
        session.Invoke("New-IpSecPolicy -Name A; Enable-IpSecPolicy A").Ok();

        var renamed = session.Invoke("Set-IpSecPolicy -Name A -NewName Z -MainModeLifetimeMinutes 60 -PassThru").Ok().Single<Policy>();

        Assert.Equal("Z", renamed.Name);
        Assert.True(renamed.Assigned);
        Assert.Equal(60, renamed.MainModeLifetimeMinutes);
    }

    [Fact]
    public void Array_and_pipeline_input_by_property_name()
    {
        session.Invoke("'X','Y' | ForEach-Object { [pscustomobject]@{ Name = $_ } } | New-IpSecPolicy").Ok();

        session.Invoke("Remove-IpSecPolicy -Name X,Y").Ok();
        Assert.Equal(2, session.Invoke("Get-IpSecPolicy -Name X,Y").Errors.Count);
    }

    [Fact]
    public void Policies_print_as_a_table()
    {
        var text = session.Render("Get-IpSecPolicy");

        Assert.Contains("Name", text);
        Assert.Contains("MM Methods", text);
        Assert.Contains("Secure Server (Require Security)", text);
    }

    public void Dispose() => session.Dispose();
}
