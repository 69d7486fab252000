using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using static IpSecPolicy.Model.Tests.Compiler.TestPolicy;

namespace IpSecPolicy.Model.Tests.Compiler;

public sealed class PolicyCompilerTests
{
    private static readonly HostContext V4Host = HostContext.ForAddresses("192.0.2.10");

    [Fact]
    public void A_mirrored_filter_yields_both_directions_with_ports_swapped()
    {
        var compiled = new TestPolicy().Rule("Web", FilterActionType.Permit, F("Me", "10.0.0.0/8", "TCP", 1234, 80)).Compile(V4Host);

        Assert.Equal(2, compiled.Filters.Count);
        var written = compiled.Filters.Single(f => f.Direction == FilterDirection.AsWritten);
        var mirrored = compiled.Filters.Single(f => f.Direction == FilterDirection.Mirrored);
        Assert.Equal(("192.0.2.10", "10.0.0.0/8", (ushort)1234, (ushort)80), (written.Source.ToString(), written.Destination.ToString(), written.SourcePort, written.DestinationPort));
        Assert.Equal(("10.0.0.0/8", "192.0.2.10", (ushort)80, (ushort)1234), (mirrored.Source.ToString(), mirrored.Destination.ToString(), mirrored.SourcePort, mirrored.DestinationPort));
        Assert.Equal(("10.0.0.0/8", "Me"), (mirrored.SourceOrigin, mirrored.DestinationOrigin));
    }

    [Fact]
    public void A_filter_that_is_not_mirrored_yields_one_direction()
    {
        var compiled = new TestPolicy().Rule("Out", FilterActionType.Block, F("Me", "10.0.0.0/8", mirrored: false)).Compile(V4Host);

        var only = Assert.Single(compiled.Filters);
        Assert.Equal(FilterDirection.AsWritten, only.Direction);
    }

    [Fact]
    public void A_mirror_identical_to_its_filter_is_not_repeated_and_Any_splits_by_family()
    {
        var compiled = new TestPolicy().Rule("All", FilterActionType.Block, F("Any", "Any")).Compile();

        Assert.Equal(new[] { "IPv4", "IPv6" }, compiled.Filters.Select(f => f.FamilyName));
        Assert.All(compiled.Filters, f => Assert.True(f.Source.IsAny && f.Destination.IsAny));
    }

    [Fact]
    public void Me_expands_to_every_host_address_of_both_families()
    {
        var compiled = new TestPolicy().Rule("All", FilterActionType.Negotiate, F("Me", "Any")).Compile();

        Assert.Equal(4, compiled.Filters.Count);
        Assert.Equal(
            new[] { "192.0.2.10 -> Any", "Any -> 192.0.2.10", "2001:db8::10 -> Any", "Any -> 2001:db8::10" }.OrderBy(s => s),
            compiled.Filters.Select(f => $"{f.Source} -> {f.Destination}").OrderBy(s => s));
        Assert.All(compiled.Filters, f => Assert.Contains("Me", new[] { f.SourceOrigin, f.DestinationOrigin }));
        Assert.Equal("192.0.2.10 (Me)", compiled.Filters.First(f => f.Direction == FilterDirection.AsWritten && f.FamilyName == "IPv4").SourceText);
        Assert.Equal("IPv6", compiled.Filters[0].FamilyName);
    }

    [Fact]
    public void Me_pairs_only_with_addresses_of_its_own_family()
    {
        var compiled = new TestPolicy()
            .Rule("V6 only", FilterActionType.Permit, F("Me", "2001:db8:1::/48"))
            .Compile(V4Host);

        Assert.Empty(compiled.Filters);
        var diagnostic = Assert.Single(compiled.Diagnostics);
        Assert.Equal(DiagnosticCodes.NoAddressPair, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("Rule 'V6 only'", diagnostic.Target);
    }

    [Fact]
    public void Me_on_a_host_without_addresses_is_reported()
    {
        var compiled = new TestPolicy().Rule("All", FilterActionType.Permit, F("Me", "Any")).Compile(HostContext.Empty);

        Assert.Empty(compiled.Filters);
        Assert.Equal(DiagnosticCodes.NoHostAddress, Assert.Single(compiled.Diagnostics).Code);
    }

    [Fact]
    public void A_dns_name_resolves_to_its_addresses_and_the_resolution_is_kept()
    {
        var calls = 0;
        var table = HostContext.TableResolver(new Dictionary<string, string[]> { ["partner.example.com"] = new[] { "198.51.100.7", "2001:db8:7::7" } });
        var host = new HostContext
        {
            Addresses = TestPolicy.Host.Addresses,
            Resolver = name =>
            {
                calls++;
                return table(name);
            },
        };

        var compiled = new TestPolicy()
            .Rule("Partner", FilterActionType.Negotiate, F("Me", "partner.example.com"), F("Me", "partner.example.com", "ICMP"))
            .Compile(host);

        Assert.Equal(1, calls);
        var resolution = Assert.Single(compiled.Resolutions);
        Assert.True(resolution.Succeeded);
        Assert.Equal(new[] { "198.51.100.7", "2001:db8:7::7" }, resolution.Addresses.Select(a => a.ToString()));
        Assert.Equal(8, compiled.Filters.Count);
        Assert.Contains(compiled.Filters, f => f.DestinationText == "198.51.100.7 (partner.example.com)");
        Assert.Empty(compiled.Diagnostics);
    }

    [Fact]
    public void An_unresolvable_name_yields_no_filter_and_a_warning_and_the_rest_compiles()
    {
        var host = new HostContext { Addresses = V4Host.Addresses, Resolver = _ => throw new InvalidOperationException("resolver crashed") };

        var compiled = new TestPolicy()
            .Rule("Partner", FilterActionType.Permit, F("Me", "gone.example.com"))
            .Rule("Rest", FilterActionType.Block, F("Me", "Any"))
            .Compile(host);

        Assert.All(compiled.Filters, f => Assert.Equal("Rest", f.Rule));
        Assert.Equal(2, compiled.Filters.Count);
        var diagnostic = Assert.Single(compiled.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnresolvedDnsName, diagnostic.Code);
        Assert.Contains("resolver crashed", diagnostic.Message);
        Assert.False(Assert.Single(compiled.Resolutions).Succeeded);
    }

    public static IEnumerable<object[]> Tokens() => new[]
    {
        new object[] { "Dns", new HostContext { Addresses = V4Host.Addresses, DnsServers = new[] { IPAddress.Parse("192.0.2.53") } } },
        new object[] { "Wins", new HostContext { Addresses = V4Host.Addresses, WinsServers = new[] { IPAddress.Parse("192.0.2.53") } } },
        new object[] { "Dhcp", new HostContext { Addresses = V4Host.Addresses, DhcpServers = new[] { IPAddress.Parse("192.0.2.53") } } },
        new object[] { "Gateway", new HostContext { Addresses = V4Host.Addresses, Gateways = new[] { IPAddress.Parse("192.0.2.53") } } },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void A_server_token_resolves_from_the_host_context_with_Me_on_the_other_side(string token, HostContext host)
    {
        var compiled = new TestPolicy().Rule("Infra", FilterActionType.Permit, F("Me", token)).Compile(host);

        Assert.Equal(2, compiled.Filters.Count);
        var written = compiled.Filters.Single(f => f.Direction == FilterDirection.AsWritten);
        Assert.Equal("192.0.2.10", written.Source.ToString());
        Assert.Equal($"192.0.2.53 ({token})", written.DestinationText);

        var without = new TestPolicy().Rule("Infra", FilterActionType.Permit, F("Me", token)).Compile(V4Host);
        Assert.Empty(without.Filters);
        var diagnostic = Assert.Single(without.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnresolvedServerToken, diagnostic.Code);
        Assert.Contains(token, diagnostic.Message);
    }

    [Fact]
    public void Icmp_on_an_ipv6_filter_is_icmpv6()
    {
        var compiled = new TestPolicy().Rule("Ping", FilterActionType.Permit, F("Me", "Any", "ICMP")).Compile();

        Assert.Equal(new byte[] { 1, 1, 58, 58 }, compiled.Filters.Select(f => f.Protocol).OrderBy(p => p));
        Assert.Contains(compiled.Filters, f => f.ProtocolName == "ICMPv6" && f.Family == AddressFamily.InterNetworkV6);
    }

    [Fact]
    public void Inactive_rules_and_the_default_response_rule_yield_no_filters()
    {
        var test = new TestPolicy().Rule("Off", FilterActionType.Block, F("Me", "Any"));
        test.Policy.Rules[0].Active = false;

        Assert.Empty(test.Compile().Filters);
    }

    [Fact]
    public void A_rule_whose_list_is_missing_is_skipped_with_a_warning()
    {
        var test = new TestPolicy().Rule("Broken", FilterActionType.Block, F("Me", "Any"));
        test.Document.FilterLists.Clear();

        var compiled = test.Compile();

        Assert.Empty(compiled.Filters);
        Assert.Equal(DiagnosticCodes.RuleSkipped, Assert.Single(compiled.Diagnostics).Code);
    }

    [Fact]
    public void Each_effective_filter_names_its_rule_list_action_and_source_filter()
    {
        var test = new TestPolicy().Rule("Tunnel", FilterActionType.Negotiate, F("10.1.0.0/16", "10.2.0.0/16", mirrored: false));
        test.Policy.Rules[0].TunnelEndpoint = IPAddress.Parse("203.0.113.2");
        test.Document.FilterActions[0].SessionKeyPfs = true;

        var filter = Assert.Single(test.Compile().Filters);

        Assert.Equal(("P", "Tunnel", "Tunnel list", "Tunnel action", 0), (filter.Policy, filter.Rule, filter.FilterList, filter.FilterAction, filter.FilterIndex));
        Assert.Same(test.Document.FilterLists[0].Filters[0], filter.SourceFilter);
        Assert.Equal(FilterActionType.Negotiate, filter.Action);
        Assert.Equal(IPAddress.Parse("203.0.113.2"), filter.TunnelEndpoint);
        Assert.Equal("Negotiate (qmpfs, tunnel 203.0.113.2)", filter.ActionText);
        Assert.Equal(1, filter.Order);
        Assert.Equal(3, filter.SecurityMethods.Count);
    }

    [Fact]
    public void The_predefined_secure_server_policy_compiles()
    {
        var document = PredefinedObjects.NewStore(DateTimeOffset.UtcNow);
        var compiled = PolicyCompiler.Compile(document, document.GetPolicy(PredefinedObjects.SecureServerPolicy), TestPolicy.Host);

        Assert.Equal(8, compiled.Filters.Count);
        Assert.Equal("All ICMP Traffic - Permit", compiled.Filters[0].Rule);
        Assert.Equal("All IP Traffic - Require Security", compiled.Filters.Last().Rule);
    }
}
