using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Tests;

public sealed class FilterActionCommandsTests : IDisposable
{
    private readonly PowerShellSession session = new();

    [Fact]
    public void A_new_action_negotiates_with_the_default_methods()
    {
        var action = session.Invoke("New-IpSecFilterAction -Name 'Secure SQL'").Ok().Single<FilterAction>();

        Assert.Equal(FilterActionType.Negotiate, action.Action);
        Assert.Equal(SecurityMethod.Defaults, action.SecurityMethods);
        Assert.False(action.AllowUnsecuredInbound);
        Assert.False(action.FallbackToClear);
        Assert.False(action.SessionKeyPfs);
    }

    [Fact]
    public void Methods_take_the_netsh_string_form_and_keep_their_order()
    {
        var action = session.Invoke(
            "New-IpSecFilterAction -Name Legacy -SecurityMethod 'ESP[3DES,SHA1]:100000k/3600s', 'AH[MD5]+ESP[DES,None]' -SessionKeyPfs -AllowUnsecuredInbound -FallbackToClear").Ok().Single<FilterAction>();

        Assert.Equal(new[] { "ESP[3DES,SHA1]:100000k/3600s", "AH[MD5]+ESP[DES,None]:100000k/3600s" }, action.SecurityMethods.Select(m => m.ToString()));
        Assert.True(action.SessionKeyPfs);
        Assert.True(action.AllowUnsecuredInbound);
        Assert.True(action.FallbackToClear);
    }

    [Fact]
    public void Methods_take_objects_from_New_IpSecSecurityMethod()
    {
        var action = session.Invoke(
            "New-IpSecFilterAction -Name Modern -SecurityMethod (New-IpSecSecurityMethod -Encryption AESGCM256), (New-IpSecSecurityMethod -Encryption AES128 -Integrity SHA256)").Ok().Single<FilterAction>();

        Assert.Equal(new[] { "ESP[AESGCM256,None]:100000k/3600s", "ESP[AES128,SHA256]:100000k/3600s" }, action.SecurityMethods.Select(m => m.ToString()));
    }

    [Fact]
    public void A_bad_method_string_is_a_binding_error_with_the_reason()
    {
        var error = session.SingleError("New-IpSecFilterAction -Name Bad -SecurityMethod 'ESP[ROT13,SHA1]'");

        Assert.StartsWith("ParameterArgumentTransformationError", error.FullyQualifiedErrorId);
        Assert.Contains("ESP takes a cipher and a hash", error.Exception.Message);
    }

    [Theory]
    [InlineData("Permit")]
    [InlineData("Block")]
    public void Permit_and_block_actions_have_no_methods(string action)
    {
        var created = session.Invoke($"New-IpSecFilterAction -Name Plain -Action {action}").Ok().Single<FilterAction>();

        Assert.Empty(created.SecurityMethods);
    }

    [Theory]
    [InlineData("-Action Block -SessionKeyPfs")]
    [InlineData("-Action Permit -SecurityMethod 'ESP[AES256,SHA256]'")]
    [InlineData("-Action Block -AllowUnsecuredInbound")]
    [InlineData("-Action Permit -FallbackToClear")]
    public void Negotiate_settings_on_permit_or_block_are_refused(string given)
    {
        var error = session.SingleError($"New-IpSecFilterAction -Name Odd {given}");

        Assert.Equal("SettingRequiresNegotiate", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("Odd", error.TargetObject);
    }

    [Fact]
    public void New_refuses_a_name_that_exists()
    {
        var error = session.SingleError("New-IpSecFilterAction -Name permit -Action Permit");

        Assert.Equal("NameCollision", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
    }

    [Fact]
    public void New_with_WhatIf_changes_nothing()
    {
        session.Invoke("New-IpSecFilterAction -Name Ghost -WhatIf").Ok();

        Assert.Equal("FilterActionNotFound", ModelErrors.Id(session.SingleError("Get-IpSecFilterAction -Name Ghost")));
    }

    [Fact]
    public void New_takes_actions_by_property_name_so_an_action_can_be_copied()
    {
        var copy = session.Invoke("Get-IpSecFilterAction -Name 'Require Security' | New-IpSecFilterAction -Name 'Require Security (PFS)' -SessionKeyPfs").Ok().Single<FilterAction>();

        Assert.Equal(FilterActionType.Negotiate, copy.Action);
        Assert.True(copy.AllowUnsecuredInbound);
        Assert.False(copy.FallbackToClear);
        Assert.True(copy.SessionKeyPfs);
        Assert.Equal(SecurityMethod.Defaults, copy.SecurityMethods);
    }

    [Fact]
    public void Get_takes_wildcards_and_reports_missing_plain_names()
    {
        var result = session.Invoke("Get-IpSecFilterAction -Name 'Re*', Nope");

        Assert.Equal(new[] { PredefinedObjects.RequestSecurity, PredefinedObjects.RequireSecurity }, result.All<FilterAction>().Select(a => a.Name));
        var error = Assert.Single(result.Errors);
        Assert.Equal("FilterActionNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Get_takes_names_from_the_pipeline_by_value_and_by_property_name()
    {
        Assert.Single(session.Invoke("'Permit' | Get-IpSecFilterAction").Ok().Output);
        Assert.Single(session.Invoke("[pscustomobject]@{ Name = 'Permit' } | Get-IpSecFilterAction").Ok().Output);
    }

    [Fact]
    public void Set_with_a_new_name_follows_into_every_rule()
    {
        var renamed = session.Invoke("Set-IpSecFilterAction -Name Permit -NewName 'Pass' -PassThru").Ok().Single<FilterAction>();

        Assert.Equal("Pass", renamed.Name);
        var icmpRules = new PolicyStore(session.StorePath).Read().Policies.SelectMany(p => p.Rules).Where(r => r.FilterList == PredefinedObjects.AllIcmpTraffic).ToList();
        Assert.Equal(2, icmpRules.Count);
        Assert.All(icmpRules, r => Assert.Equal("Pass", r.FilterAction));
    }

    [Fact]
    public void Set_changes_only_what_is_given()
    {
        var action = session.Invoke("Set-IpSecFilterAction -Name 'Request Security (Optional)' -SessionKeyPfs -PassThru").Ok().Single<FilterAction>();

        Assert.True(action.SessionKeyPfs);
        Assert.True(action.AllowUnsecuredInbound);
        Assert.True(action.FallbackToClear);
        Assert.Equal(SecurityMethod.Defaults, action.SecurityMethods);
    }

    [Fact]
    public void Set_turns_switches_off_with_false()
    {
        var action = session.Invoke("Set-IpSecFilterAction -Name 'Request Security (Optional)' -FallbackToClear:$false -PassThru").Ok().Single<FilterAction>();

        Assert.False(action.FallbackToClear);
        Assert.True(action.AllowUnsecuredInbound);
    }

    [Fact]
    public void Set_replaces_the_methods_in_the_order_given()
    {
        var action = session.Invoke("Set-IpSecFilterAction -Name 'Require Security' -SecurityMethod 'ESP[AES256,SHA256]:100000k/28800s', 'ESP[3DES,SHA1]' -PassThru").Ok().Single<FilterAction>();

        Assert.Equal(new[] { "ESP[AES256,SHA256]:100000k/28800s", "ESP[3DES,SHA1]:100000k/3600s" }, action.SecurityMethods.Select(m => m.ToString()));
    }

    [Fact]
    public void Set_refuses_an_empty_method_list_for_negotiate()
    {
        var error = session.SingleError("Set-IpSecFilterAction -Name 'Require Security' -SecurityMethod @()");

        Assert.Equal("NegotiateRequiresSecurityMethod", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Set_to_block_keeps_the_methods_for_switching_back()
    {
        session.Invoke("Set-IpSecFilterAction -Name 'Require Security' -SecurityMethod 'ESP[AES128,SHA256]'").Ok();

        var blocked = session.Invoke("Set-IpSecFilterAction -Name 'Require Security' -Action Block -PassThru").Ok().Single<FilterAction>();
        Assert.Equal(FilterActionType.Block, blocked.Action);

        var back = session.Invoke("Set-IpSecFilterAction -Name 'Require Security' -Action Negotiate -PassThru").Ok().Single<FilterAction>();
        Assert.Equal("ESP[AES128,SHA256]:100000k/3600s", Assert.Single(back.SecurityMethods).ToString());
    }

    [Fact]
    public void Set_refuses_turning_on_a_negotiate_setting_for_permit()
    {
        var error = session.SingleError("Set-IpSecFilterAction -Name Permit -FallbackToClear");

        Assert.Equal("SettingRequiresNegotiate", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Set_takes_actions_from_the_pipeline()
    {
        var actions = session.Invoke("Get-IpSecFilterAction -Name 'Re*' | Set-IpSecFilterAction -SessionKeyPfs -PassThru").Ok().All<FilterAction>();

        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.True(a.SessionKeyPfs));
    }

    [Fact]
    public void Set_with_WhatIf_changes_nothing()
    {
        session.Invoke("Set-IpSecFilterAction -Name Permit -Action Block -WhatIf").Ok();

        Assert.Equal(FilterActionType.Permit, session.Invoke("Get-IpSecFilterAction Permit").Ok().Single<FilterAction>().Action);
    }

    [Fact]
    public void Set_of_a_missing_action_is_not_found()
    {
        var error = session.SingleError("Set-IpSecFilterAction -Name Nope -SessionKeyPfs");

        Assert.Equal("FilterActionNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Remove_refuses_an_action_in_use_naming_the_policy_and_rule()
    {
        var error = session.SingleError("Remove-IpSecFilterAction -Name 'Require Security'");

        Assert.Equal("FilterActionInUse", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("Policy 'Secure Server (Require Security)' / Rule 'All IP Traffic - Require Security'", error.Exception.Message);
    }

    [Fact]
    public void Remove_takes_arrays_and_the_pipeline_and_passes_removed_actions_through()
    {
        session.Invoke("New-IpSecFilterAction A -Action Block; New-IpSecFilterAction B -Action Block; New-IpSecFilterAction C").Ok();

        var byName = session.Invoke("Remove-IpSecFilterAction -Name A, B -PassThru").Ok().All<FilterAction>();
        var byObject = session.Invoke("Get-IpSecFilterAction -Name C | Remove-IpSecFilterAction -PassThru").Ok().All<FilterAction>();

        Assert.Equal(new[] { "A", "B" }, byName.Select(a => a.Name));
        Assert.Equal("C", Assert.Single(byObject).Name);
        Assert.Equal(3, session.Invoke("Get-IpSecFilterAction -Name A, B, C").Errors.Count);
    }

    [Fact]
    public void Remove_with_WhatIf_changes_nothing()
    {
        session.Invoke("New-IpSecFilterAction Keep -Action Block; Remove-IpSecFilterAction Keep -WhatIf").Ok();

        Assert.Single(session.Invoke("Get-IpSecFilterAction Keep").Ok().Output);
    }

    [Fact]
    public void Remove_with_WhatIf_still_reports_an_action_in_use()
    {
        var error = session.SingleError("Remove-IpSecFilterAction -Name 'Require Security' -WhatIf");

        Assert.Equal("FilterActionInUse", ModelErrors.Id(error));
    }

    [Fact]
    public void Rules_using_an_action_follow_it_through_the_model()
    {
        new PolicyStore(session.StorePath).Update(d => d.GetPolicy(PredefinedObjects.ClientPolicy).Rules.Add(new Rule
        {
            Name = "Block telnet",
            FilterList = PredefinedObjects.AllIcmpTraffic,
            FilterAction = PredefinedObjects.Permit,
            AuthMethods = { AuthMethod.ForKerberos() },
        }));

        var error = session.SingleError("Remove-IpSecFilterAction -Name Permit");

        Assert.Contains("Policy 'Client (Respond Only)' / Rule 'Block telnet'", error.Exception.Message);
    }

    [Fact]
    public void Actions_print_as_a_table()
    {
        session.Invoke("New-IpSecFilterAction -Name Blocker -Action Block").Ok();

        var text = session.Render("Get-IpSecFilterAction");

        Assert.Contains("QMPFS", text);
        Assert.Contains("Security Methods", text);
        Assert.Matches(@"Require Security\s+Negotiate No\s+Yes\s+No\s+ESP\[AES256,SHA256\]:100000k/3600s", text);
        Assert.Matches(@"Blocker\s+Block\s+-\s+-\s+-\s+-", text);
    }

    [Fact]
    public void Action_names_complete_with_tab()
    {
        Assert.Equal(new[] { "'Request Security (Optional)'", "'Require Security'" }, TabCompletion.At(session, "Set-IpSecFilterAction -Name Re"));
    }

    public void Dispose() => session.Dispose();
}
