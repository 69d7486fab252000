using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Tests;

public sealed class RuleCommandsTests : IDisposable
{
    private const string Require = "'Require Security'";
    private readonly PowerShellSession session = new();

    public RuleCommandsTests()
    {
        session.DefineSecureString("psk", "partner-key");
        session.Invoke("New-IpSecPolicy -Name Partner | Out-Null; $key = New-IpSecAuthMethod -PreSharedKey $psk").Ok();
        new PolicyStore(session.StorePath).Update(document =>
        {
            document.FilterLists.Add(new FilterList
            {
                Name = "One way",
                Filters = { new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.10"), Mirrored = false } },
            });
            document.FilterLists.Add(new FilterList
            {
                Name = "SQL",
                Filters = { new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.20"), Protocol = FilterProtocol.Tcp, DestinationPort = 1433 } },
            });
            document.FilterLists.Add(new FilterList
            {
                Name = "Site to site",
                Filters = { new Filter { SourceAddress = FilterAddress.Parse("10.1.0.0/16"), DestinationAddress = FilterAddress.Parse("10.2.0.0/16") } },
            });
            document.FilterLists.Add(new FilterList
            {
                Name = "Site to site v6",
                Filters = { new Filter { SourceAddress = FilterAddress.Parse("2001:db8:1::/48"), DestinationAddress = FilterAddress.Parse("2001:db8:2::/48") } },
            });
        });
    }

    private PowerShellSession.Result NewRule(string name, string extra = "") =>
        session.Invoke($"New-IpSecRule -Policy Partner -Name '{name}' -FilterList 'All IP Traffic' -FilterAction {Require} -AuthMethod $key {extra}");

    private static void AssertError(ErrorRecord error, string errorId, ErrorCategory category)
    {
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
    }

    [Fact]
    public void New_rule_is_transport_all_connections_and_active_by_default()
    {
        var rule = NewRule("To partner").Ok().Single<Rule>();

        Assert.Equal("Partner", rule.Policy);
        Assert.Equal("All IP Traffic", rule.FilterList);
        Assert.Equal("Require Security", rule.FilterAction);
        Assert.Null(rule.TunnelEndpoint);
        Assert.Equal(ConnectionType.All, rule.ConnectionType);
        Assert.True(rule.Active);
        Assert.Equal("********", Assert.Single(rule.AuthMethods).PreSharedKey!.ToString());
        Assert.Equal("To partner", session.Invoke("Get-IpSecRule -Policy Partner").Ok().Single<Rule>().Name);
    }

    [Fact]
    public void New_rule_keeps_every_setting_and_the_auth_method_order()
    {
        var rule = session.Invoke(
            "$cert = New-IpSecAuthMethod -CertificateAuthority 'CN=Contoso Root CA'; "
            + "New-IpSecRule -Policy Partner -Name Lan -FilterList 'All ICMP Traffic' -FilterAction Permit -AuthMethod $cert, $key "
            + "-ConnectionType Lan -Active $false -Description 'ICMP in the clear'").Ok().Single<Rule>();

        Assert.Equal(new[] { AuthMethodKind.Certificate, AuthMethodKind.PreSharedKey }, rule.AuthMethods.Select(m => m.Kind));
        Assert.Equal(ConnectionType.Lan, rule.ConnectionType);
        Assert.False(rule.Active);
        Assert.Equal("ICMP in the clear", rule.Description);
    }

    [Theory]
    [InlineData("Site to site", "198.51.100.1")]
    [InlineData("Site to site v6", "2001:db8:ffff::1")]
    public void A_tunnel_rule_takes_an_ipv4_or_ipv6_endpoint(string list, string endpoint)
    {
        var rule = session.Invoke($"New-IpSecRule -Policy Partner -Name Tunnel -FilterList '{list}' -FilterAction {Require} -AuthMethod $key -TunnelEndpoint {endpoint}")
            .Ok().Single<Rule>();

        Assert.Equal(IPAddress.Parse(endpoint), rule.TunnelEndpoint);
    }

    [Fact]
    public void A_permit_rule_needs_no_authentication_method()
    {
        var rule = session.Invoke("New-IpSecRule -Policy Partner -Name Icmp -FilterList 'All ICMP Traffic' -FilterAction Permit").Ok().Single<Rule>();

        Assert.Empty(rule.AuthMethods);
    }

    [Fact]
    public void A_negotiating_rule_without_an_authentication_method_is_refused()
    {
        var error = session.SingleError($"New-IpSecRule -Policy Partner -Name R -FilterList 'All IP Traffic' -FilterAction {Require}");

        AssertError(error, "NegotiateRequiresAuthMethod", ErrorCategory.InvalidOperation);
        Assert.Contains("-AuthMethod", error.Exception.Message);
    }

    [Fact]
    public void Policy_objects_are_taken_for_their_names()
    {
        var rule = session.Invoke("New-IpSecRule -Policy (Get-IpSecPolicy Partner) -Name Icmp -FilterList 'All ICMP Traffic' -FilterAction Permit").Ok().Single<Rule>();

        Assert.Equal("Partner", rule.Policy);
    }

    [Fact]
    public void New_WhatIf_creates_nothing()
    {
        NewRule("Ghost", "-WhatIf").Ok();

        Assert.Empty(session.Invoke("Get-IpSecRule -Policy Partner").Ok().Output);
    }

    [Fact]
    public void Rules_pipe_into_new_by_property_name_to_copy_them()
    {
        var copies = session.Invoke("Get-IpSecRule -Policy 'Secure Server*' | New-IpSecRule -Policy Partner").Ok().All<Rule>();

        Assert.Equal(new[] { "All IP Traffic - Require Security", "All ICMP Traffic - Permit" }, copies.Select(r => r.Name));
        Assert.All(copies, r => Assert.Equal("Partner", r.Policy));
        Assert.Equal(AuthMethodKind.Kerberos, copies[0].AuthMethods.Single().Kind);
    }

    [Fact]
    public void New_takes_objects_with_rule_properties()
    {
        var rules = session.Invoke(
            "@([pscustomobject]@{ Policy = 'Partner'; Name = 'A'; FilterList = 'All ICMP Traffic'; FilterAction = 'Permit' }, "
            + "[pscustomobject]@{ Policy = 'Partner'; Name = 'B'; FilterList = 'All IP Traffic'; FilterAction = 'Require Security'; AuthMethod = $key; TunnelEndpoint = $null }) "
            + "| New-IpSecRule").Ok().All<Rule>();

        Assert.Equal(new[] { "A", "B" }, rules.Select(r => r.Name));
    }

    [Fact]
    public void Negotiate_over_a_non_mirrored_filter_is_refused_by_the_validator()
    {
        var error = session.SingleError($"New-IpSecRule -Policy Partner -Name R -FilterList 'One way' -FilterAction {Require} -AuthMethod $key");

        AssertError(error, "NegotiateRequiresMirroredFilters", ErrorCategory.InvalidOperation);
        Assert.Contains("mirrored", error.Exception.Message);
    }

    [Fact]
    public void A_tunnel_over_port_filters_is_refused_by_the_validator()
    {
        var error = session.SingleError($"New-IpSecRule -Policy Partner -Name R -FilterList SQL -FilterAction {Require} -AuthMethod $key -TunnelEndpoint 198.51.100.1");

        AssertError(error, "TunnelFilterNotAddressOnly", ErrorCategory.InvalidOperation);
    }

    [Theory]
    [InlineData("-FilterList Nowhere -FilterAction Permit", "FilterListNotFound")]
    [InlineData("-FilterList 'All IP Traffic' -FilterAction Nothing", "FilterActionNotFound")]
    public void Referenced_list_and_action_must_exist(string parameters, string errorId)
    {
        var error = session.SingleError($"New-IpSecRule -Policy Partner -Name R {parameters}");

        AssertError(error, errorId, ErrorCategory.ObjectNotFound);
    }

    [Fact]
    public void The_policy_must_exist()
    {
        AssertError(session.SingleError("New-IpSecRule -Policy Ghost -Name R -FilterList 'All ICMP Traffic' -FilterAction Permit"),
            "PolicyNotFound", ErrorCategory.ObjectNotFound);
    }

    [Fact]
    public void Rule_names_collide_within_a_policy()
    {
        NewRule("R").Ok();

        AssertError(NewRule("r").Errors.Single(), "NameCollision", ErrorCategory.ResourceExists);
    }

    [Theory]
    [InlineData("gateway.example.com")]
    [InlineData("10.0.0")]
    [InlineData("0.0.0.0")]
    public void A_bad_tunnel_endpoint_is_an_invalid_address(string endpoint)
    {
        var error = session.SingleError($"New-IpSecRule -Policy Partner -Name R -FilterList 'Site to site' -FilterAction {Require} -AuthMethod $key -TunnelEndpoint '{endpoint}'");

        AssertError(error, "InvalidAddress", ErrorCategory.InvalidArgument);
    }

    [Fact]
    public void Get_lists_every_policys_rules_by_default_and_takes_wildcards()
    {
        NewRule("To partner").Ok();

        var all = session.Invoke("Get-IpSecRule").Ok().All<Rule>();
        var icmp = session.Invoke("Get-IpSecRule -Policy '*Server*' -Name '*ICMP*'").Ok().All<Rule>();

        Assert.Equal(5, all.Count);
        Assert.Equal(new[] { "Server (Request Security)", "Secure Server (Require Security)" }, icmp.Select(r => r.Policy));
        Assert.All(icmp, r => Assert.Equal("All ICMP Traffic - Permit", r.Name));
    }

    [Fact]
    public void Get_with_a_plain_name_that_matches_nothing_is_an_error()
    {
        var missingRule = session.SingleError("Get-IpSecRule -Policy Partner -Name Nothing");
        var missingPolicy = session.SingleError("Get-IpSecRule -Policy Ghost");
        var wildcard = session.Invoke("Get-IpSecRule -Policy Partner -Name 'No*'").Ok();

        AssertError(missingRule, "RuleNotFound", ErrorCategory.ObjectNotFound);
        AssertError(missingPolicy, "PolicyNotFound", ErrorCategory.ObjectNotFound);
        Assert.Empty(wildcard.Output);
    }

    [Fact]
    public void Get_takes_policy_objects_and_names_by_value_and_rules_by_property_name()
    {
        NewRule("To partner").Ok();

        var byPolicy = session.Invoke("Get-IpSecPolicy -Name Partner, 'Secure*' | Get-IpSecRule").Ok().All<Rule>();
        var byPolicyAndName = session.Invoke("Get-IpSecPolicy -Name Partner | Get-IpSecRule -Name 'To*'").Ok().All<Rule>();
        var byString = session.Invoke("'Partner' | Get-IpSecRule").Ok().All<Rule>();
        var byProperty = session.Invoke("[pscustomobject]@{ Policy = 'Secure Server (Require Security)'; Name = 'All ICMP Traffic - Permit' } | Get-IpSecRule").Ok().Single<Rule>();
        var byRule = session.Invoke("Get-IpSecRule -Policy Partner | Get-IpSecRule").Ok().Single<Rule>();

        Assert.Equal(new[] { "Secure Server (Require Security)", "Secure Server (Require Security)", "Partner" }, byPolicy.Select(r => r.Policy));
        Assert.Equal("To partner", Assert.Single(byPolicyAndName).Name);
        Assert.Single(byString);
        Assert.Equal("All ICMP Traffic - Permit", byProperty.Name);
        Assert.Equal("To partner", byRule.Name);
    }

    [Fact]
    public void A_positional_pattern_is_the_rule_name_also_when_policies_are_piped_in()
    {
        NewRule("To partner").Ok();

        foreach (var script in new[] { "Get-IpSecRule 'To*'", "Get-IpSecPolicy Partner | Get-IpSecRule 'To*'", "'Partner' | Get-IpSecRule 'To*'" })
        {
            Assert.Equal("To partner", session.Invoke(script).Ok().Single<Rule>().Name);
        }
    }

    [Fact]
    public void Get_takes_arrays_of_names()
    {
        NewRule("A").Ok();
        NewRule("B").Ok();
        NewRule("C").Ok();

        var rules = session.Invoke("Get-IpSecRule -Policy Partner -Name A, C").Ok().All<Rule>();

        Assert.Equal(new[] { "A", "C" }, rules.Select(r => r.Name));
    }

    [Fact]
    public void Set_changes_only_the_given_settings()
    {
        NewRule("R", "-Description 'keep me'").Ok();

        var rule = session.Invoke("Set-IpSecRule -Policy Partner -Name R -NewName Renamed -ConnectionType RemoteAccess -Active $false -FilterList 'All ICMP Traffic' -PassThru")
            .Ok().Single<Rule>();

        Assert.Equal("Renamed", rule.Name);
        Assert.Equal(ConnectionType.RemoteAccess, rule.ConnectionType);
        Assert.False(rule.Active);
        Assert.Equal("All ICMP Traffic", rule.FilterList);
        Assert.Equal("keep me", rule.Description);
        Assert.Equal(AuthMethodKind.PreSharedKey, rule.AuthMethods.Single().Kind);
    }

    [Fact]
    public void Set_replaces_the_authentication_methods_and_the_tunnel()
    {
        session.Invoke($"New-IpSecRule -Policy Partner -Name T -FilterList 'Site to site' -FilterAction {Require} -AuthMethod $key -TunnelEndpoint 198.51.100.1").Ok();

        var changed = session.Invoke("Set-IpSecRule -Policy Partner -Name T -AuthMethod (New-IpSecAuthMethod -CertificateAuthority 'CN=Root') -TunnelEndpoint 2001:db8::9 -PassThru").Ok().Single<Rule>();
        var transport = session.Invoke("Set-IpSecRule -Policy Partner -Name T -TunnelEndpoint '' -PassThru").Ok().Single<Rule>();
        var none = session.Invoke("Set-IpSecRule -Policy Partner -Name T -TunnelEndpoint 198.51.100.1; Set-IpSecRule -Policy Partner -Name T -TunnelEndpoint None -PassThru").Ok().Single<Rule>();

        Assert.Equal("CN=Root", changed.AuthMethods.Single().CertificateAuthority);
        Assert.Equal(IPAddress.Parse("2001:db8::9"), changed.TunnelEndpoint);
        Assert.Null(transport.TunnelEndpoint);
        Assert.Null(none.TunnelEndpoint);
        Assert.Empty(new PolicyStore(session.StorePath).ReadSecrets());
    }

    [Fact]
    public void Set_without_PassThru_writes_nothing_and_WhatIf_changes_nothing()
    {
        NewRule("R").Ok();

        Assert.Empty(session.Invoke("Set-IpSecRule -Policy Partner -Name R -Active $false").Ok().Output);
        session.Invoke("Set-IpSecRule -Policy Partner -Name R -Active $true -WhatIf").Ok();

        Assert.False(session.Invoke("Get-IpSecRule -Policy Partner -Name R").Ok().Single<Rule>().Active);
    }

    [Fact]
    public void Set_takes_rules_by_value_and_by_property_name()
    {
        NewRule("A").Ok();
        NewRule("B").Ok();

        session.Invoke("Get-IpSecRule -Policy Partner | Set-IpSecRule -Active $false").Ok();
        session.Invoke("[pscustomobject]@{ Policy = 'Partner'; Name = 'B' } | Set-IpSecRule -ConnectionType Lan").Ok();

        var rules = session.Invoke("Get-IpSecRule -Policy Partner").Ok().All<Rule>();
        Assert.All(rules, r => Assert.False(r.Active));
        Assert.Equal(new[] { ConnectionType.All, ConnectionType.Lan }, rules.Select(r => r.ConnectionType));
    }

    [Fact]
    public void Set_refusals_come_through_with_their_ids()
    {
        NewRule("A").Ok();
        NewRule("B").Ok();
        session.Invoke("New-IpSecRule -Policy Partner -Name Icmp -FilterList 'All ICMP Traffic' -FilterAction Permit").Ok();

        AssertError(session.SingleError("Set-IpSecRule -Policy Partner -Name A -NewName b"), "NameCollision", ErrorCategory.ResourceExists);
        AssertError(session.SingleError("Set-IpSecRule -Policy Partner -Name A -FilterList Nowhere"), "FilterListNotFound", ErrorCategory.ObjectNotFound);
        AssertError(session.SingleError("Set-IpSecRule -Policy Partner -Name A -FilterAction Nothing"), "FilterActionNotFound", ErrorCategory.ObjectNotFound);
        AssertError(session.SingleError("Set-IpSecRule -Policy Partner -Name A -FilterList 'One way'"), "NegotiateRequiresMirroredFilters", ErrorCategory.InvalidOperation);
        AssertError(session.SingleError("Set-IpSecRule -Policy Partner -Name A -FilterList SQL -TunnelEndpoint 198.51.100.1"), "TunnelFilterNotAddressOnly", ErrorCategory.InvalidOperation);
        AssertError(session.SingleError($"Set-IpSecRule -Policy Partner -Name Icmp -FilterAction {Require}"), "NegotiateRequiresAuthMethod", ErrorCategory.InvalidOperation);
        AssertError(session.SingleError("Set-IpSecRule -Policy Partner -Name Ghost -Active $false"), "RuleNotFound", ErrorCategory.ObjectNotFound);
        AssertError(session.SingleError("Set-IpSecRule -Policy Partner -Name A -TunnelEndpoint 224.0.0.1"), "InvalidAddress", ErrorCategory.InvalidArgument);
    }

    [Fact]
    public void Remove_takes_arrays_and_drops_the_keys()
    {
        NewRule("A").Ok();
        NewRule("B").Ok();
        NewRule("C").Ok();

        var removed = session.Invoke("Remove-IpSecRule -Policy Partner -Name A, B -PassThru").Ok().All<Rule>();

        Assert.Equal(new[] { "A", "B" }, removed.Select(r => r.Name));
        Assert.Equal("C", session.Invoke("Get-IpSecRule -Policy Partner").Ok().Single<Rule>().Name);
        Assert.Single(new PolicyStore(session.StorePath).ReadSecrets());
    }

    [Fact]
    public void Remove_takes_rules_by_value_and_by_property_name()
    {
        NewRule("A").Ok();
        NewRule("B").Ok();

        session.Invoke("Get-IpSecRule -Policy Partner -Name A | Remove-IpSecRule").Ok();
        session.Invoke("[pscustomobject]@{ Policy = 'Partner'; Name = 'B' } | Remove-IpSecRule").Ok();

        Assert.Empty(session.Invoke("Get-IpSecRule -Policy Partner").Ok().Output);
    }

    [Fact]
    public void Remove_WhatIf_keeps_the_rule_and_a_missing_rule_is_an_error()
    {
        NewRule("A").Ok();

        session.Invoke("Remove-IpSecRule -Policy Partner -Name A -WhatIf").Ok();
        var error = session.SingleError("Remove-IpSecRule -Policy Partner -Name Ghost");

        Assert.Single(session.Invoke("Get-IpSecRule -Policy Partner").Ok().Output);
        AssertError(error, "RuleNotFound", ErrorCategory.ObjectNotFound);
    }

    [Fact]
    public void Rules_print_as_a_table_grouped_by_policy()
    {
        session.Invoke($"New-IpSecRule -Policy Partner -Name Tunnel -FilterList 'Site to site' -FilterAction {Require} -AuthMethod $key -TunnelEndpoint 198.51.100.1 -ConnectionType Lan").Ok();

        var text = session.Render("Get-IpSecRule -Policy Partner, 'Secure*'");

        Assert.Contains("Policy: Partner", text);
        Assert.Contains("Policy: Secure Server (Require Security)", text);
        foreach (var header in new[] { "Name", "Filter List", "Filter Action", "Active", "Conn Type", "Tunnel Endpoint", "Auth Methods" })
        {
            Assert.Contains(header, text);
        }

        var tunnelLine = text.Split('\n').Single(line => line.StartsWith("Tunnel", StringComparison.Ordinal));
        Assert.Contains("Site to site", tunnelLine);
        Assert.Contains("198.51.100.1", tunnelLine);
        Assert.Contains("Lan", tunnelLine);
        Assert.Contains("PreSharedKey", tunnelLine);
        Assert.Contains("None", text.Split('\n').First(line => line.StartsWith("All ICMP Traffic - Permit", StringComparison.Ordinal)));
    }

    public void Dispose() => session.Dispose();
}
