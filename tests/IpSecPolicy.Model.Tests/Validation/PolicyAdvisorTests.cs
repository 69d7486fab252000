using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Tests.Compiler;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;
using static IpSecPolicy.Model.Tests.Compiler.TestPolicy;

namespace IpSecPolicy.Model.Tests.Validation;

public sealed class PolicyAdvisorTests
{
    private static readonly List<AuthMethod> Certificate = new() { AuthMethod.ForCertificate("CN=Contoso Root") };
    private static readonly List<AuthMethod> Key = new() { AuthMethod.ForPreSharedKey("not a real key") };

    private static IReadOnlyList<Diagnostic> Test(TestPolicy test, HostContext? host = null) =>
        PolicyAdvisor.Test(test.Document, test.Policy, host ?? TestPolicy.Host);

    private static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string code) =>
        Assert.Single(diagnostics, d => d.Code == code);

    [Fact]
    public void A_clean_policy_has_no_findings()
    {
        var test = new TestPolicy().Rule("Partner", FilterActionType.Negotiate, Certificate, F("Me", "198.51.100.7"));
        test.Policy.DefaultResponseRule.Active = false;

        Assert.Empty(Test(test));
    }

    [Fact]
    public void Two_rules_that_authenticate_one_pair_of_hosts_differently_are_flagged()
    {
        var test = new TestPolicy()
            .Rule("Servers", FilterActionType.Negotiate, Certificate, F("Me", "10.0.0.0/24"))
            .Rule("Database", FilterActionType.Negotiate, Key, F("Me", "10.0.0.5", "TCP", 0, 1433));

        var finding = Single(Test(test), DiagnosticCodes.ConflictingAuthMethods);

        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal("Policy 'P' / Rule 'Database'", finding.Target);
        Assert.Contains("10.0.0.5", finding.Message);
        Assert.Contains("Certificate (CN=Contoso Root) / PreSharedKey", finding.Message);
    }

    [Fact]
    public void Same_methods_or_disjoint_hosts_are_not_a_conflict()
    {
        var same = new TestPolicy()
            .Rule("A", FilterActionType.Negotiate, Certificate, F("Me", "10.0.0.0/24"))
            .Rule("B", FilterActionType.Negotiate, new List<AuthMethod> { AuthMethod.ForCertificate("CN=Contoso Root") }, F("Me", "10.0.0.5"));
        var disjoint = new TestPolicy()
            .Rule("A", FilterActionType.Negotiate, Certificate, F("Me", "10.0.0.0/24"))
            .Rule("B", FilterActionType.Negotiate, Key, F("Me", "10.0.1.5"));

        Assert.DoesNotContain(Test(same), d => d.Code == DiagnosticCodes.ConflictingAuthMethods);
        Assert.DoesNotContain(Test(disjoint), d => d.Code == DiagnosticCodes.ConflictingAuthMethods);
    }

    [Fact]
    public void A_filter_that_never_decides_is_flagged_with_the_filter_that_does()
    {
        var test = new TestPolicy()
            .Rule("Block host", FilterActionType.Block, F("Me", "10.0.0.5"))
            .Rule("Permit host", FilterActionType.Permit, F("10.0.0.5", "Me"), F("Me", "10.0.0.6"));

        var finding = Single(Test(test, HostContext.ForAddresses("192.0.2.10")), DiagnosticCodes.ShadowedFilter);

        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal("Policy 'P' / Rule 'Permit host' / Filter '10.0.0.5 <-> Me Any'", finding.Target);
        Assert.Contains("rule 'Block host'", finding.Message);
    }

    [Fact]
    public void Unresolvable_names_and_tokens_are_reported()
    {
        var test = new TestPolicy()
            .Rule("Partner", FilterActionType.Permit, F("Me", "partner.example.com"))
            .Rule("Infra", FilterActionType.Permit, F("Me", "Wins"));

        var findings = Test(test);

        Assert.Equal(DiagnosticSeverity.Warning, Single(findings, DiagnosticCodes.UnresolvedDnsName).Severity);
        Assert.Equal(DiagnosticSeverity.Warning, Single(findings, DiagnosticCodes.UnresolvedServerToken).Severity);
    }

    [Fact]
    public void Kerberos_alone_is_a_warning_and_beside_another_method_information()
    {
        var test = new TestPolicy()
            .Rule("Only", FilterActionType.Negotiate, new List<AuthMethod> { AuthMethod.ForKerberos() }, F("Me", "10.0.0.1"))
            .Rule("Mixed", FilterActionType.Negotiate, new List<AuthMethod> { AuthMethod.ForKerberos(), AuthMethod.ForCertificate("CN=Root") }, F("Me", "10.0.0.2"))
            .Rule("Permit", FilterActionType.Permit, new List<AuthMethod> { AuthMethod.ForKerberos() }, F("Me", "10.0.0.3"));
        test.Policy.DefaultResponseRule.Active = false;

        var findings = Test(test).Where(d => d.Code == DiagnosticCodes.KerberosNotEnforceable).ToList();

        Assert.Equal(
            new[] { "Warning Policy 'P' / Rule 'Only'", "Information Policy 'P' / Rule 'Mixed'" },
            findings.Select(d => $"{d.Severity} {d.Target}"));
    }

    [Fact]
    public void Weak_methods_are_flagged_in_main_mode_quick_mode_and_the_default_response_rule()
    {
        var test = new TestPolicy().Rule("Legacy", FilterActionType.Negotiate, Certificate, F("Me", "10.0.0.1"));
        test.Policy.MainModeSecurityMethods.Add(MainModeMethod.Parse("3DES-SHA1-2"));
        test.Document.FilterActions[0].SecurityMethods.Add(SecurityMethod.Parse("ESP[DES,MD5]"));
        test.Policy.DefaultResponseRule.SecurityMethods.Add(SecurityMethod.Parse("AH[MD5]"));
        test.Policy.DefaultResponseRule.AuthMethods = new List<AuthMethod> { AuthMethod.ForCertificate("CN=Root") };

        var findings = Test(test);

        Assert.Contains("3DES-SHA1-2", Single(findings, DiagnosticCodes.WeakMainModeMethod).Message);
        Assert.Equal("FilterAction 'Legacy action'", Single(findings, DiagnosticCodes.WeakQuickModeMethod).Target);
        Assert.Contains("AH[MD5]", Single(findings, DiagnosticCodes.WeakDefaultResponseMethod).Message);
    }

    [Fact]
    public void Information_on_keys_soft_fallback_inpass_and_inactive_rules()
    {
        var test = new TestPolicy()
            .Rule("Request", FilterActionType.Negotiate, Key, F("Me", "Any"))
            .Rule("Off", FilterActionType.Block, F("Me", "10.0.0.9"));
        test.Document.FilterActions[0].FallbackToClear = true;
        test.Document.FilterActions[0].AllowUnsecuredInbound = true;
        test.Policy.Rules[1].Active = false;
        test.Policy.DefaultResponseRule.Active = false;

        var findings = Test(test);

        Assert.All(new[] { DiagnosticCodes.PreSharedKeyAuth, DiagnosticCodes.FallbackToClear, DiagnosticCodes.InboundPassthroughFromAny, DiagnosticCodes.InactiveRule },
            code => Assert.Equal(DiagnosticSeverity.Information, Single(findings, code).Severity));
    }

    [Fact]
    public void Empty_lists_mirrored_tunnel_filters_and_rule_less_policies_are_flagged()
    {
        var test = new TestPolicy()
            .Rule("Empty", FilterActionType.Block)
            .Rule("Tunnel", FilterActionType.Negotiate, Certificate, F("10.1.0.0/16", "10.2.0.0/16"));
        test.Policy.Rules[1].TunnelEndpoint = IPAddress.Parse("203.0.113.2");

        var findings = Test(test);

        Assert.Equal(DiagnosticSeverity.Warning, Single(findings, DiagnosticCodes.EmptyFilterList).Severity);
        Assert.Contains("203.0.113.2", Single(findings, DiagnosticCodes.MirroredTunnelFilter).Message);

        var client = PredefinedObjects.NewStore(DateTimeOffset.UtcNow);
        var respondOnly = PolicyAdvisor.Test(client, client.GetPolicy(PredefinedObjects.ClientPolicy), TestPolicy.Host);
        Assert.Contains("default response rule", Single(respondOnly, DiagnosticCodes.NoActiveRules).Message);
        Assert.Equal(DiagnosticSeverity.Warning, Single(respondOnly, DiagnosticCodes.KerberosNotEnforceable).Severity);
    }

    [Fact]
    public void Validation_errors_of_the_policy_and_its_lists_come_first()
    {
        var test = new TestPolicy().Rule("Secure", FilterActionType.Negotiate, Certificate, F("Me", "10.0.0.0/8", mirrored: false));
        test.Document.FilterLists.Add(new FilterList { Name = "Unrelated", Filters = { F("Me", "Any", "ICMP", 0, 80) } });

        var findings = Test(test);

        Assert.Equal(DiagnosticSeverity.Error, findings[0].Severity);
        Assert.Equal(ErrorIds.NegotiateRequiresMirroredFilters, findings[0].Code);
        Assert.DoesNotContain(findings, d => d.Target.StartsWith("FilterList 'Unrelated'", StringComparison.Ordinal));
        Assert.Equal(findings.OrderByDescending(d => d.Severity).Select(d => d.Severity), findings.Select(d => d.Severity));
    }
}
