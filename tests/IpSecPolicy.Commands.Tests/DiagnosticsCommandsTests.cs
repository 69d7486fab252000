using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Tests;

public sealed class DiagnosticsCommandsTests : IDisposable
{
    private const string UseTestHost =
        "$IpSecPolicyHostContext = [IpSecPolicy.Model.Compiler.HostContext]::ForAddresses([string[]]@('192.0.2.10', '2001:db8::10'))";

    private readonly PowerShellSession session = new();

    public DiagnosticsCommandsTests()
    {
        session.Invoke(UseTestHost).Ok();
    }

    [Fact]
    public void Test_without_a_name_and_nothing_assigned_tests_every_policy()
    {
        var output = session.Invoke("Test-IpSecPolicy").Ok().Output;

        var policies = output.Select(o => (string)o.Properties["Policy"].Value).Distinct().ToList();
        Assert.Equal(new[] { PredefinedObjects.ClientPolicy, PredefinedObjects.ServerPolicy, PredefinedObjects.SecureServerPolicy }, policies);
        Assert.Contains(output.Select(o => (Diagnostic)o.BaseObject), d => d.Code == DiagnosticCodes.NoActiveRules);
    }

    [Fact]
    public void Test_without_a_name_tests_the_assigned_policy()
    {
        session.Invoke($"Enable-IpSecPolicy -Name '{PredefinedObjects.ServerPolicy}'").Ok();

        var output = session.Invoke("Test-IpSecPolicy").Ok().Output;

        Assert.NotEmpty(output);
        Assert.All(output, o => Assert.Equal(PredefinedObjects.ServerPolicy, o.Properties["Policy"].Value));
        var diagnostics = output.Select(o => (Diagnostic)o.BaseObject).ToList();
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.FallbackToClear && d.Severity == DiagnosticSeverity.Information);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.KerberosNotEnforceable && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Test_takes_wildcards_and_pipeline_input_by_value_and_by_property_name()
    {
        var byWildcard = session.Invoke("Test-IpSecPolicy -Name 'Secure*'").Ok().Output;
        var byValue = session.Invoke("Get-IpSecPolicy -Name 'Secure*' | Test-IpSecPolicy").Ok().Output;
        var byProperty = session.Invoke("[pscustomobject]@{ Name = 'Secure Server (Require Security)' } | Test-IpSecPolicy").Ok().Output;

        Assert.All(byWildcard, o => Assert.Equal(PredefinedObjects.SecureServerPolicy, o.Properties["Policy"].Value));
        Assert.Equal(Codes(byWildcard), Codes(byValue));
        Assert.Equal(Codes(byWildcard), Codes(byProperty));
    }

    [Fact]
    public void Test_reports_errors_first_and_a_missing_policy_by_id()
    {
        // The store refuses to save an error, so write an old store that has one, as if from an older version.
        AddRule("Legacy", FilterActionType.Negotiate, new[] { Filter("Me", "10.0.0.0/8") }, "ESP[DES,MD5]");
        var document = new PolicyStore(session.StorePath).Read();
        document.GetFilterList("Legacy").Filters[0].Mirrored = false;
        System.IO.File.WriteAllText(System.IO.Path.Combine(session.StorePath, PolicyStore.DocumentFileName),
            System.Text.Json.JsonSerializer.Serialize(document, Model.Json.PolicyJson.Options));

        var diagnostics = session.Invoke("Test-IpSecPolicy -Name Legacy").Ok().All<Diagnostic>();

        Assert.Equal(DiagnosticSeverity.Error, diagnostics[0].Severity);
        Assert.Equal("NegotiateRequiresMirroredFilters", diagnostics[0].Code);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.WeakQuickModeMethod);
        var error = session.SingleError("Test-IpSecPolicy -Name Ghost");
        Assert.StartsWith("PolicyNotFound", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Test_prints_a_diagnostics_table()
    {
        var text = session.Render($"Test-IpSecPolicy -Name '{PredefinedObjects.SecureServerPolicy}'");

        Assert.Contains("Severity    Code", text);
        Assert.Contains("--------    ----", text);
        Assert.Contains("KerberosNotEnforceable", text);
        Assert.Contains("Policy 'Secure Server (Require Security)'", text);
    }

    [Fact]
    public void Find_names_the_deciding_rule_and_the_candidates_that_lost()
    {
        AddRule("Block telnet", FilterActionType.Block, new[] { Filter("Me", "Any", "TCP", 0, 23) });
        AddRule("Secure SQL", FilterActionType.Negotiate, new[] { Filter("Me", "10.0.0.5", "TCP", 0, 1433) }, "ESP[AES256,SHA256]", policy: "Corp");

        var result = session.Invoke("Find-IpSecRule -Policy Corp -SourceAddress 192.0.2.10 -DestinationAddress 10.0.0.5 -Protocol TCP -SourcePort 50000 -DestinationPort 1433")
            .Ok().Single<MatchResult>();

        Assert.Equal("Secure SQL", result.Rule);
        Assert.Equal(FilterActionType.Negotiate, result.Action);
        Assert.Equal(CandidateOutcome.Decided, result.Candidates.Single(c => c.Rule == "Secure SQL" && c.Filter.Direction == FilterDirection.AsWritten).Outcome);
    }

    [Fact]
    public void Find_uses_the_assigned_policy_and_Me_and_says_when_nothing_matches()
    {
        session.Invoke($"Enable-IpSecPolicy -Name '{PredefinedObjects.SecureServerPolicy}'").Ok();

        var ping = session.Invoke("Find-IpSecRule -SourceAddress Me -DestinationAddress 2001:db8::99 -Protocol ICMP").Ok().Single<MatchResult>();
        var other = session.Invoke("Find-IpSecRule 198.51.100.1 198.51.100.2 -Protocol UDP").Ok().Single<MatchResult>();

        Assert.Equal("All ICMP Traffic - Permit", ping.Rule);
        Assert.Equal("ICMPv6", ping.ProtocolName);
        Assert.Equal("2001:db8::10", ping.SourceAddress.ToString());
        var given = session.Invoke("Find-IpSecRule Me 2001:db8::99 -Protocol ICMP -HostContext ([IpSecPolicy.Model.Compiler.HostContext]::ForAddresses([string[]]@('2001:db8::77')))")
            .Ok().Single<MatchResult>();
        Assert.Equal("2001:db8::77", given.SourceAddress.ToString());
        Assert.False(other.Matched);
        Assert.Equal(FilterActionType.Permit, other.Action);
    }

    [Fact]
    public void Find_takes_packets_from_the_pipeline_by_property_name()
    {
        var results = session.Invoke(
            "@([pscustomobject]@{ SourceAddress = '192.0.2.10'; DestinationAddress = '10.1.1.1'; Protocol = 'TCP'; DestinationPort = 80 }," +
            " [pscustomobject]@{ SourceAddress = '192.0.2.10'; DestinationAddress = '10.1.1.1'; Protocol = 'ICMP' })" +
            $" | Find-IpSecRule -Policy '{PredefinedObjects.ServerPolicy}'").Ok().All<MatchResult>();

        Assert.Equal(new[] { "All IP Traffic - Request Security", "All ICMP Traffic - Permit" }, results.Select(r => r.Rule));
    }

    [Theory]
    [InlineData("Find-IpSecRule -Policy Ghost -SourceAddress 10.0.0.1 -DestinationAddress 10.0.0.2", "PolicyNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("Find-IpSecRule -SourceAddress 10.0.0.1 -DestinationAddress 10.0.0.2", "NoPolicyAssigned", ErrorCategory.InvalidOperation)]
    [InlineData("Find-IpSecRule -Policy 'Client (Respond Only)' -SourceAddress 10.0.0.300 -DestinationAddress 10.0.0.2", "InvalidAddress", ErrorCategory.InvalidArgument)]
    [InlineData("Find-IpSecRule -Policy 'Client (Respond Only)' -SourceAddress 10.0.0.1 -DestinationAddress 2001:db8::1", "InvalidPacket", ErrorCategory.InvalidArgument)]
    [InlineData("Find-IpSecRule -Policy 'Client (Respond Only)' -SourceAddress 10.0.0.1 -DestinationAddress 10.0.0.2 -Protocol ICMP -DestinationPort 80", "PortsRequireTcpOrUdp", ErrorCategory.InvalidArgument)]
    [InlineData("Find-IpSecRule -Policy 'Client (Respond Only)' -SourceAddress 10.0.0.1 -DestinationAddress 10.0.0.2 -Protocol SCTPX", "InvalidProtocol", ErrorCategory.InvalidArgument)]
    [InlineData("$IpSecPolicyHostContext = $null; Find-IpSecRule -Policy 'Client (Respond Only)' -SourceAddress 10.0.0.1 -DestinationAddress 10.0.0.2 -InterfaceAlias nosuch0", "InterfaceNotFound", ErrorCategory.ObjectNotFound)]
    public void Find_refuses_with_the_models_error_id(string script, string errorId, ErrorCategory category)
    {
        var error = session.SingleError(script);

        Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
    }

    [Fact]
    public void Find_warns_about_what_did_not_compile_and_honours_the_interface()
    {
        session.Invoke("$IpSecPolicyHostContext = $null").Ok();
        var host = "[IpSecPolicy.Model.Compiler.HostContext]::ForAddresses([string[]]@('192.0.2.10'))";

        var result = session.Invoke($"Find-IpSecRule -Policy '{PredefinedObjects.SecureServerPolicy}' 10.0.0.1 10.0.0.2 -HostContext ({host}) -InterfaceAlias eth9");

        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Contains("interface 'eth9' has no unicast address"));
        Assert.False(((MatchResult)result.Output.Single().BaseObject).Matched);
    }

    [Fact]
    public void Find_works_on_the_discovered_system_context()
    {
        session.Invoke("$IpSecPolicyHostContext = $null").Ok();

        var result = session.Invoke($"Find-IpSecRule -Policy '{PredefinedObjects.ServerPolicy}' -SourceAddress 203.0.113.1 -DestinationAddress 203.0.113.2 -Verbose");

        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, v => v.StartsWith("Host context discovered from the system", StringComparison.Ordinal));
        Assert.Single(result.Output);
    }

    [Fact]
    public void Find_prints_the_verdict_and_candidates_and_filters_print_as_a_table()
    {
        var packet = $"Find-IpSecRule -Policy '{PredefinedObjects.SecureServerPolicy}' -SourceAddress 192.0.2.10 -DestinationAddress 10.0.0.7 -Protocol TCP -DestinationPort 445";

        var text = session.Render(packet);
        var filters = session.Render($"({packet}).Candidates.Filter");
        var candidates = session.Render($"({packet}).Candidates");

        Assert.Contains("Verdict", text);
        Assert.Contains("Negotiate (inpass) by rule 'All IP Traffic - Require Security'", text);
        Assert.Contains("Candidates", text);
        Assert.Contains("Protocol TCP is not ICMP", text);
        Assert.Contains("Weight", filters);
        Assert.Contains("192.0.2.10 (Me)", filters);
        Assert.Contains("Mirrored", filters);
        Assert.Contains("# Outcome", candidates);
        Assert.Contains("NotMatched", candidates);
    }

    public void Dispose() => session.Dispose();

    private static List<string> Codes(IEnumerable<PSObject> output) => output.Select(o => ((Diagnostic)o.BaseObject).Code).ToList();

    private static Filter Filter(string source, string destination, string protocol = "Any", ushort sourcePort = 0, ushort destinationPort = 0, bool mirrored = true) => new()
    {
        SourceAddress = FilterAddress.Parse(source),
        DestinationAddress = FilterAddress.Parse(destination),
        Protocol = FilterProtocol.Parse(protocol),
        SourcePort = sourcePort,
        DestinationPort = destinationPort,
        Mirrored = mirrored,
    };

    /// <summary>Adds a rule (with its own list and action) to a policy through the model, creating the policy if needed.</summary>
    private void AddRule(string name, FilterActionType action, Filter[] filters, string? method = null, string? policy = null)
    {
        var store = new PolicyStore(session.StorePath);
        store.Update(document =>
        {
            var target = document.FindPolicy(policy ?? name);
            if (target is null)
            {
                target = new Policy { Name = policy ?? name };
                document.Policies.Add(target);
            }

            document.FilterLists.Add(new FilterList { Name = name, Filters = filters.ToList() });
            document.FilterActions.Add(new FilterAction
            {
                Name = name,
                Action = action,
                SecurityMethods = method is null ? new List<SecurityMethod>() : new List<SecurityMethod> { SecurityMethod.Parse(method) },
            });
            target.Rules.Add(new Rule { Name = name, FilterList = name, FilterAction = name, AuthMethods = { AuthMethod.ForCertificate("CN=Corp Root") } });
        });
    }
}
