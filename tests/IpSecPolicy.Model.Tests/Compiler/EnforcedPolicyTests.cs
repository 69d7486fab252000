using System;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Compiler;

/// <summary>What the engine enforces: the assigned policy, the generated VPN policies, or both combined.</summary>
public sealed class EnforcedPolicyTests
{
    private static readonly DateTimeOffset Then = new(2025, 1, 31, 9, 0, 0, TimeSpan.Zero);

    private readonly StoreDocument document = PredefinedObjects.NewStore(Then);

    [Fact]
    public void Nothing_assigned_and_no_VPN_enforces_nothing()
    {
        Assert.Null(EnforcedPolicy.Of(document));
        Assert.Empty(EnforcedPolicy.Generated(document));
    }

    [Fact]
    public void The_assigned_policy_alone_is_enforced_as_it_is()
    {
        document.Assign(PredefinedObjects.SecureServerPolicy);

        Assert.Same(document.GetPolicy(PredefinedObjects.SecureServerPolicy), EnforcedPolicy.Of(document));
    }

    [Fact]
    public void The_gateway_alone_enforces_its_generated_rule_and_methods()
    {
        AddGateway();

        var enforced = EnforcedPolicy.Of(document)!;

        Assert.Equal(VpnGateway.PolicyName, enforced.Name);
        Assert.Equal(new[] { VpnGateway.RuleName }, enforced.Rules.Select(r => r.Name));
        Assert.Equal(VpnClientProposals.GatewayMainMode(), enforced.MainModeSecurityMethods);
        Assert.False(enforced.DefaultResponseRule.Active);
    }

    [Fact]
    public void Assigned_and_gateway_combine_the_assigned_rules_with_the_generated_one_and_both_method_lists()
    {
        document.Assign(PredefinedObjects.SecureServerPolicy);
        AddGateway();
        var assigned = document.GetPolicy(PredefinedObjects.SecureServerPolicy);
        var assignedRules = assigned.Rules.Select(r => r.Name).ToList();
        var assignedMethods = assigned.MainModeSecurityMethods.ToList();

        var enforced = EnforcedPolicy.Of(document)!;

        Assert.Equal(PredefinedObjects.SecureServerPolicy, enforced.Name);
        Assert.Equal(assignedRules.Append(VpnGateway.RuleName), enforced.Rules.Select(r => r.Name));
        Assert.Equal(assignedMethods, enforced.MainModeSecurityMethods.Take(assignedMethods.Count));
        Assert.All(VpnClientProposals.GatewayMainMode(), m => Assert.Contains(m, enforced.MainModeSecurityMethods));
        Assert.Equal(enforced.MainModeSecurityMethods.Count, enforced.MainModeSecurityMethods.Distinct().Count());
        Assert.Equal(assignedRules, assigned.Rules.Select(r => r.Name));
        Assert.Equal(assignedMethods, assigned.MainModeSecurityMethods);
        Assert.Equal(assigned.DefaultResponseRule.Active, enforced.DefaultResponseRule.Active);
    }

    [Fact]
    public void An_assigned_generated_policy_is_not_added_twice()
    {
        AddGateway();
        document.Assign(VpnGateway.PolicyName);

        var enforced = EnforcedPolicy.Of(document)!;

        Assert.Same(document.GetPolicy(VpnGateway.PolicyName), enforced);
        Assert.Single(enforced.Rules);
    }

    [Fact]
    public void An_assigned_gateway_policy_still_gets_the_connections_rule()
    {
        AddGateway();
        AddConnection();
        document.Assign(VpnGateway.PolicyName);

        var enforced = EnforcedPolicy.Of(document)!;

        Assert.Equal(new[] { VpnGateway.RuleName, VpnConnection.RuleName }, enforced.Rules.Select(r => r.Name));
        Assert.Single(document.GetPolicy(VpnGateway.PolicyName).Rules);
    }

    [Fact]
    public void Gateway_and_connection_without_an_assignment_enforce_both_rules_under_the_gateways_name()
    {
        AddGateway();
        AddConnection();

        var enforced = EnforcedPolicy.Of(document)!;

        Assert.Equal(VpnGateway.PolicyName, enforced.Name);
        Assert.Equal(new[] { VpnGateway.RuleName, VpnConnection.RuleName }, enforced.Rules.Select(r => r.Name));
        Assert.Equal(new[] { VpnGateway.PolicyName, VpnConnection.PolicyName }, EnforcedPolicy.Generated(document).Select(p => p.Name));
    }

    [Fact]
    public void A_generated_policy_counts_only_while_its_settings_exist()
    {
        AddGateway();
        document.VpnGateway = null;

        Assert.Null(EnforcedPolicy.Of(document));
    }

    [Fact]
    public void Settings_whose_generated_policy_was_deleted_by_hand_add_nothing()
    {
        AddGateway();
        document.Assign(PredefinedObjects.ServerPolicy);
        document.Policies.RemoveAll(p => p.Name == VpnGateway.PolicyName);

        Assert.Same(document.GetPolicy(PredefinedObjects.ServerPolicy), EnforcedPolicy.Of(document));
    }

    [Fact]
    public void The_combined_policy_compiles_to_Negotiate_filters_for_L2TP_beside_the_assigned_ones()
    {
        document.Assign(PredefinedObjects.ServerPolicy);
        AddGateway();

        var compiled = PolicyCompiler.Compile(document, EnforcedPolicy.Of(document)!, HostContext.ForAddresses("192.0.2.10"));

        var l2tp = compiled.Filters.Where(f => f.Rule == VpnGateway.RuleName).ToList();
        Assert.Equal(2, l2tp.Count);
        Assert.All(l2tp, f =>
        {
            Assert.Equal(FilterActionType.Negotiate, f.Action);
            Assert.Equal(17, f.Protocol);
            Assert.False(f.FallbackToClear);
            Assert.Null(f.TunnelEndpoint);
        });
        Assert.Contains(l2tp, f => f.SourcePort == 1701 && f.Source.ToString() == "192.0.2.10");
        Assert.Contains(l2tp, f => f.DestinationPort == 1701 && f.Destination.ToString() == "192.0.2.10");
        Assert.Contains(compiled.Filters, f => f.Rule != VpnGateway.RuleName);
    }

    private void AddGateway() =>
        document.SetVpnGateway(new VpnGateway { InterfaceAlias = "eth0", AddressRange = "192.168.50.10-192.168.50.200" }, new Secret("gateway key"), Then);

    private void AddConnection() =>
        document.SetVpnConnection(new VpnConnection { InterfaceAlias = "eth0", ServerAddress = IPAddress.Parse("203.0.113.1"), UserName = "alice" },
            new Secret("client key"), new Secret("pw-alice"), Then);
}
