using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Tests;

public sealed class DefaultResponseRuleCommandsTests : IDisposable
{
    private readonly PowerShellSession session = new();

    public DefaultResponseRuleCommandsTests() => session.Invoke("New-IpSecPolicy -Name Partner | Out-Null; New-IpSecPolicy -Name Branch | Out-Null").Ok();

    [Fact]
    public void Get_lists_every_policys_default_response_rule_and_takes_wildcards()
    {
        var all = session.Invoke("Get-IpSecDefaultResponseRule").Ok().All<DefaultResponseRule>();
        var some = session.Invoke("Get-IpSecDefaultResponseRule -Policy 'P*', Branch").Ok().All<DefaultResponseRule>();

        Assert.Equal(5, all.Count);
        Assert.Equal(new[] { "Partner", "Branch" }, some.Select(r => r.Policy));
        Assert.All(all, r => Assert.True(r.Active));
    }

    [Fact]
    public void Get_of_a_missing_policy_is_an_error()
    {
        var error = session.SingleError("Get-IpSecDefaultResponseRule -Policy Ghost");

        Assert.StartsWith("PolicyNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Get_takes_policies_by_value_and_by_property_name()
    {
        var byValue = session.Invoke("Get-IpSecPolicy -Name Partner | Get-IpSecDefaultResponseRule").Ok().Single<DefaultResponseRule>();
        var byName = session.Invoke("'Branch' | Get-IpSecDefaultResponseRule").Ok().Single<DefaultResponseRule>();
        var byProperty = session.Invoke("[pscustomobject]@{ Policy = 'Partner' } | Get-IpSecDefaultResponseRule").Ok().Single<DefaultResponseRule>();

        Assert.Equal("Partner", byValue.Policy);
        Assert.Equal("Branch", byName.Policy);
        Assert.Equal("Partner", byProperty.Policy);
    }

    [Fact]
    public void Rules_piped_in_select_their_policys_default_response_rule()
    {
        session.Invoke("New-IpSecRule -Policy Partner -Name Icmp -FilterList 'All ICMP Traffic' -FilterAction Permit | Out-Null").Ok();

        var get = session.Invoke("Get-IpSecRule -Policy Partner | Get-IpSecDefaultResponseRule").Ok().Single<DefaultResponseRule>();
        session.Invoke("Get-IpSecRule -Policy Partner | Set-IpSecDefaultResponseRule -Active $false").Ok();

        Assert.Equal("Partner", get.Policy);
        Assert.False(session.Invoke("Get-IpSecDefaultResponseRule Partner").Ok().Single<DefaultResponseRule>().Active);
    }

    [Fact]
    public void Set_changes_only_the_given_settings_and_takes_netsh_method_strings()
    {
        var rule = session.Invoke("Set-IpSecDefaultResponseRule -Policy Partner -SecurityMethod 'ESP[AES256,SHA256]:100000k/3600s', 'ESP[AES128,SHA1]' -SessionKeyPfs $true -PassThru")
            .Ok().Single<DefaultResponseRule>();

        Assert.Equal(new[] { "ESP[AES256,SHA256]:100000k/3600s", "ESP[AES128,SHA1]:100000k/3600s" }, rule.SecurityMethods.Select(m => m.ToString()));
        Assert.True(rule.SessionKeyPfs);
        Assert.True(rule.Active);
        Assert.Equal(AuthMethodKind.Kerberos, rule.AuthMethods.Single().Kind);
        Assert.True(session.Invoke("Get-IpSecPolicy Partner").Ok().Single<Policy>().DefaultResponseRule.SessionKeyPfs);
    }

    [Fact]
    public void Set_deactivates_and_is_the_same_switch_as_the_policys()
    {
        session.Invoke("Set-IpSecDefaultResponseRule -Policy Partner -Active $false").Ok();

        Assert.False(session.Invoke("Get-IpSecPolicy Partner").Ok().Single<Policy>().ActivateDefaultResponseRule);
    }

    [Fact]
    public void Set_replaces_authentication_methods_and_keeps_the_key_secret()
    {
        session.DefineSecureString("psk", "response-key");

        var rule = session.Invoke("Set-IpSecDefaultResponseRule -Policy Partner -AuthMethod (New-IpSecAuthMethod -PreSharedKey $psk), (New-IpSecAuthMethod -CertificateAuthority 'CN=Root') -PassThru")
            .Ok().Single<DefaultResponseRule>();

        Assert.Equal(new[] { AuthMethodKind.PreSharedKey, AuthMethodKind.Certificate }, rule.AuthMethods.Select(m => m.Kind));
        Assert.Equal("********", rule.AuthMethods[0].PreSharedKey!.ToString());
        Assert.Equal("response-key", new PolicyStore(session.StorePath).ReadSecrets()[rule.AuthMethods[0].Id]);
        Assert.DoesNotContain("response-key", session.Render("Get-IpSecDefaultResponseRule -Policy Partner"));
    }

    [Fact]
    public void Set_takes_policy_objects_and_default_response_rules_by_property_name_and_arrays()
    {
        session.Invoke("Get-IpSecPolicy -Name Partner | Set-IpSecDefaultResponseRule -Active $false").Ok();
        session.Invoke("Get-IpSecDefaultResponseRule -Policy Branch | Set-IpSecDefaultResponseRule -SessionKeyPfs $true").Ok();
        session.Invoke("Set-IpSecDefaultResponseRule -Policy 'Client (Respond Only)', 'Server (Request Security)' -Active $false").Ok();

        var rules = session.Invoke("Get-IpSecDefaultResponseRule").Ok().All<DefaultResponseRule>().ToDictionary(r => r.Policy!);
        Assert.False(rules["Partner"].Active);
        Assert.True(rules["Branch"].SessionKeyPfs);
        Assert.False(rules["Client (Respond Only)"].Active);
        Assert.False(rules["Server (Request Security)"].Active);
        Assert.True(rules["Secure Server (Require Security)"].Active);
    }

    [Fact]
    public void Set_WhatIf_changes_nothing()
    {
        var result = session.Invoke("Set-IpSecDefaultResponseRule -Policy Partner -Active $false -WhatIf -PassThru").Ok();

        Assert.Empty(result.Output);
        Assert.True(session.Invoke("Get-IpSecDefaultResponseRule -Policy Partner").Ok().Single<DefaultResponseRule>().Active);
    }

    [Fact]
    public void Set_refusals()
    {
        var missing = session.SingleError("Set-IpSecDefaultResponseRule -Policy Ghost -Active $false");
        var badMethod = session.SingleError("Set-IpSecDefaultResponseRule -Policy Partner -SecurityMethod 'ESP[None,None]'");
        var noMethods = session.SingleError("Set-IpSecDefaultResponseRule -Policy Partner -AuthMethod @()");

        Assert.StartsWith("PolicyNotFound,", missing.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
        Assert.StartsWith("ParameterArgumentTransformationError", badMethod.FullyQualifiedErrorId);
        Assert.StartsWith("ParameterArgumentValidationError", noMethods.FullyQualifiedErrorId);
    }

    [Fact]
    public void The_default_response_rule_prints_as_a_list()
    {
        var text = session.Render("Get-IpSecDefaultResponseRule -Policy Partner");

        Assert.Contains("Policy           : Partner", text);
        Assert.Contains("Filter List      : <Dynamic>", text);
        Assert.Contains("Filter Action    : Default Response", text);
        Assert.Contains("Security Methods : ESP[AES256,SHA256]:100000k/3600s", text);
        Assert.Contains("Auth Methods     : Kerberos", text);
    }

    public void Dispose() => session.Dispose();
}
