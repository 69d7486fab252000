using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Operations;

public class FilterActionOperationsTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly StoreDocument document = PredefinedObjects.NewStore(Now.AddDays(-1));

    [Fact]
    public void A_new_negotiate_action_without_methods_offers_the_defaults()
    {
        var action = document.AddFilterAction(new FilterAction { Name = "Secure SQL", Action = FilterActionType.Negotiate }, Now);

        Assert.Equal(SecurityMethod.Defaults, action.SecurityMethods);
        Assert.Equal(Now, action.LastModified);
    }

    [Fact]
    public void A_new_negotiate_action_keeps_the_given_methods_in_order()
    {
        var methods = new List<SecurityMethod> { SecurityMethod.Parse("ESP[3DES,SHA1]"), SecurityMethod.Parse("AH[SHA1]") };

        var action = document.AddFilterAction(new FilterAction { Name = "Legacy", SecurityMethods = methods, SessionKeyPfs = true }, Now);

        Assert.Equal(new[] { "ESP[3DES,SHA1]:100000k/3600s", "AH[SHA1]:100000k/3600s" }, action.SecurityMethods.Select(m => m.ToString()));
        Assert.True(action.SessionKeyPfs);
    }

    [Theory]
    [InlineData(FilterActionType.Permit)]
    [InlineData(FilterActionType.Block)]
    public void A_new_permit_or_block_action_has_no_methods(FilterActionType type)
    {
        var action = document.AddFilterAction(new FilterAction { Name = "Plain", Action = type }, Now);

        Assert.Empty(action.SecurityMethods);
    }

    [Theory]
    [InlineData(true, false, false, false, "SecurityMethods")]
    [InlineData(false, true, false, false, "AllowUnsecuredInbound")]
    [InlineData(false, false, true, false, "FallbackToClear")]
    [InlineData(false, false, false, true, "SessionKeyPfs")]
    public void Refuses_negotiate_settings_on_a_block_action(bool methods, bool inpass, bool soft, bool pfs, string named)
    {
        var action = new FilterAction
        {
            Name = "Blocker",
            Action = FilterActionType.Block,
            SecurityMethods = methods ? new List<SecurityMethod>(SecurityMethod.Defaults) : new List<SecurityMethod>(),
            AllowUnsecuredInbound = inpass,
            FallbackToClear = soft,
            SessionKeyPfs = pfs,
        };

        var error = Assert.Throws<PolicyException>(() => document.AddFilterAction(action, Now));

        Assert.Equal(ErrorIds.SettingRequiresNegotiate, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, error.Category);
        Assert.Contains(named, error.Message);
        Assert.Null(document.FindFilterAction("Blocker"));
    }

    [Theory]
    [InlineData("PERMIT", ErrorIds.NameCollision)]
    [InlineData("Default Response", ErrorIds.InvalidName)]
    [InlineData("Block?", ErrorIds.InvalidName)]
    public void Refuses_names_that_collide_or_are_reserved(string name, string errorId)
    {
        var error = Assert.Throws<PolicyException>(() => document.AddFilterAction(new FilterAction { Name = name, Action = FilterActionType.Block }, Now));

        Assert.Equal(errorId, error.ErrorId);
    }

    [Fact]
    public void Change_sets_only_what_is_given()
    {
        var action = document.ChangeFilterAction(PredefinedObjects.RequestSecurity, new FilterActionChange { SessionKeyPfs = true }, Now);

        Assert.True(action.SessionKeyPfs);
        Assert.True(action.AllowUnsecuredInbound);
        Assert.True(action.FallbackToClear);
        Assert.NotNull(action.Description);
        Assert.Equal(SecurityMethod.Defaults, action.SecurityMethods);
        Assert.Equal(Now, action.LastModified);
    }

    [Fact]
    public void Change_can_clear_the_description()
    {
        var action = document.ChangeFilterAction(PredefinedObjects.Permit, new FilterActionChange { Description = null }, Now);

        Assert.Null(action.Description);
    }

    [Fact]
    public void Change_replaces_the_methods_and_refuses_an_empty_list_for_negotiate()
    {
        var strong = new[] { SecurityMethod.Parse("ESP[AESGCM256,None]:100000k/28800s") };
        var action = document.ChangeFilterAction(PredefinedObjects.RequireSecurity, new FilterActionChange { SecurityMethods = strong }, Now);
        Assert.Equal(strong, action.SecurityMethods);

        var error = Assert.Throws<PolicyException>(() =>
            document.ChangeFilterAction(PredefinedObjects.RequireSecurity, new FilterActionChange { SecurityMethods = Array.Empty<SecurityMethod>() }, Now));
        Assert.Equal(ErrorIds.NegotiateRequiresSecurityMethod, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, error.Category);
    }

    [Fact]
    public void Switching_to_block_keeps_the_negotiate_settings_for_switching_back()
    {
        var custom = new[] { SecurityMethod.Parse("ESP[AES128,SHA256]") };
        document.ChangeFilterAction(PredefinedObjects.RequireSecurity, new FilterActionChange { SecurityMethods = custom }, Now);

        var blocked = document.ChangeFilterAction(PredefinedObjects.RequireSecurity, new FilterActionChange { Action = FilterActionType.Block }, Now);
        Assert.Equal(FilterActionType.Block, blocked.Action);
        Assert.Equal(custom, blocked.SecurityMethods);

        var back = document.ChangeFilterAction(PredefinedObjects.RequireSecurity, new FilterActionChange { Action = FilterActionType.Negotiate }, Now);
        Assert.Equal(custom, back.SecurityMethods);
        Assert.True(back.AllowUnsecuredInbound);
    }

    [Fact]
    public void Change_refuses_turning_on_a_negotiate_setting_for_a_permit_action()
    {
        var error = Assert.Throws<PolicyException>(() =>
            document.ChangeFilterAction(PredefinedObjects.Permit, new FilterActionChange { FallbackToClear = true }, Now));

        Assert.Equal(ErrorIds.SettingRequiresNegotiate, error.ErrorId);
    }

    [Fact]
    public void Change_refuses_a_negotiate_setting_given_with_a_switch_to_block()
    {
        var error = Assert.Throws<PolicyException>(() =>
            document.ChangeFilterAction(PredefinedObjects.RequireSecurity, new FilterActionChange { Action = FilterActionType.Block, SessionKeyPfs = true }, Now));

        Assert.Equal(ErrorIds.SettingRequiresNegotiate, error.ErrorId);
    }

    [Fact]
    public void Change_allows_turning_a_negotiate_setting_off_whatever_the_action()
    {
        var action = document.ChangeFilterAction(PredefinedObjects.Permit, new FilterActionChange { SessionKeyPfs = false, AllowUnsecuredInbound = false }, Now);

        Assert.False(action.SessionKeyPfs);
    }

    [Fact]
    public void A_permit_action_made_negotiate_offers_the_defaults()
    {
        var action = document.ChangeFilterAction(PredefinedObjects.Permit, new FilterActionChange { Action = FilterActionType.Negotiate }, Now);

        Assert.Equal(SecurityMethod.Defaults, action.SecurityMethods);
    }

    [Fact]
    public void Change_with_a_new_name_follows_every_rule_that_uses_the_action()
    {
        document.ChangeFilterAction(PredefinedObjects.Permit, new FilterActionChange { NewName = "Pass" }, Now);

        var icmpRules = document.Policies.SelectMany(p => p.Rules).Where(r => r.FilterList == PredefinedObjects.AllIcmpTraffic).ToList();
        Assert.Equal(2, icmpRules.Count);
        Assert.All(icmpRules, r => Assert.Equal("Pass", r.FilterAction));
        Assert.NotNull(document.FindFilterAction("Pass"));
        Assert.Null(document.FindFilterAction(PredefinedObjects.Permit));
    }

    [Fact]
    public void Rename_refuses_the_name_of_another_action()
    {
        var error = Assert.Throws<PolicyException>(() =>
            document.RenameFilterAction(document.GetFilterAction(PredefinedObjects.Permit), "require security"));

        Assert.Equal(ErrorIds.NameCollision, error.ErrorId);
    }

    [Fact]
    public void Removes_an_action_no_rule_uses()
    {
        document.AddFilterAction(new FilterAction { Name = "Block All", Action = FilterActionType.Block }, Now);

        Assert.Equal("Block All", document.RemoveFilterAction("block all").Name);
        Assert.Null(document.FindFilterAction("Block All"));
    }

    [Fact]
    public void Refuses_to_remove_an_action_in_use_and_names_the_rules()
    {
        var error = Assert.Throws<PolicyException>(() => document.RemoveFilterAction(PredefinedObjects.RequireSecurity));

        Assert.Equal(ErrorIds.FilterActionInUse, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidOperation, error.Category);
        Assert.Contains("Policy 'Secure Server (Require Security)' / Rule 'All IP Traffic - Require Security'", error.Message);
    }

    [Fact]
    public void Changing_a_missing_action_is_not_found()
    {
        var error = Assert.Throws<PolicyException>(() => document.ChangeFilterAction("Nope", new FilterActionChange(), Now));

        Assert.Equal(ErrorIds.FilterActionNotFound, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.ObjectNotFound, error.Category);
    }
}
