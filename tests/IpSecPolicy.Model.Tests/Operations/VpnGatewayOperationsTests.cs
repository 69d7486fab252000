using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Operations;

/// <summary>The gateway's and the connection's settings and the store objects they generate, on a document.</summary>
public sealed class VpnGatewayOperationsTests
{
    private static readonly DateTimeOffset Then = new(2025, 1, 31, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Then.AddDays(1);

    private readonly StoreDocument document = PredefinedObjects.NewStore(Then);

    [Fact]
    public void Set_gateway_stores_the_settings_and_generates_a_list_an_action_and_an_unassigned_policy()
    {
        var gateway = document.SetVpnGateway(Gateway(), new Secret("gateway key"), Now);

        Assert.Same(gateway, document.VpnGateway);
        Assert.Equal(Now, gateway.LastModified);

        var list = document.GetFilterList(VpnGateway.FilterListName);
        var filter = Assert.Single(list.Filters);
        Assert.Equal((FilterAddress.Me, FilterAddress.Any, FilterProtocol.Udp), (filter.SourceAddress, filter.DestinationAddress, filter.Protocol));
        Assert.Equal(((ushort)1701, (ushort)0, true), (filter.SourcePort, filter.DestinationPort, filter.Mirrored));
        Assert.Equal(Now, list.LastModified);

        var action = document.GetFilterAction(VpnGateway.FilterActionName);
        Assert.Equal(FilterActionType.Negotiate, action.Action);
        Assert.Equal(VpnClientProposals.GatewayQuickMode(), action.SecurityMethods);
        Assert.False(action.AllowUnsecuredInbound, "cleartext L2TP must not be accepted inbound");
        Assert.False(action.FallbackToClear, "L2TP must never fall back to clear");
        Assert.False(action.SessionKeyPfs, "the built-in clients propose no PFS");

        var policy = document.GetPolicy(VpnGateway.PolicyName);
        Assert.False(policy.Assigned);
        Assert.Null(document.AssignedPolicy);
        Assert.Equal(VpnClientProposals.GatewayMainMode(), policy.MainModeSecurityMethods);
        Assert.False(policy.DefaultResponseRule.Active);
        var rule = Assert.Single(policy.Rules);
        Assert.Equal((VpnGateway.RuleName, VpnGateway.FilterListName, VpnGateway.FilterActionName), (rule.Name, rule.FilterList, rule.FilterAction));
        Assert.Null(rule.TunnelEndpoint);
        Assert.True(rule.Active);
        var key = Assert.Single(rule.AuthMethods);
        Assert.Equal(AuthMethodKind.PreSharedKey, key.Kind);
        Assert.Equal("gateway key", key.PreSharedKey!.Reveal());
    }

    [Fact]
    public void Set_gateway_without_a_key_keeps_the_one_the_generated_rule_has()
    {
        document.SetVpnGateway(Gateway(), new Secret("gateway key"), Then);
        var before = GatewayKey();

        document.SetVpnGateway(Gateway(g => g.MaxSessions = 10), null, Now);

        Assert.Equal(10, document.VpnGateway!.MaxSessions);
        Assert.Equal(before.Id, GatewayKey().Id);
        Assert.Equal("gateway key", GatewayKey().PreSharedKey!.Reveal());
        Assert.Single(document.Policies, p => p.Name == VpnGateway.PolicyName);
        Assert.Single(document.FilterLists, l => l.Name == VpnGateway.FilterListName);
        Assert.Single(document.FilterActions, a => a.Name == VpnGateway.FilterActionName);
    }

    [Fact]
    public void Set_gateway_with_a_new_key_replaces_the_old_one()
    {
        document.SetVpnGateway(Gateway(), new Secret("old key"), Then);
        var before = GatewayKey();

        document.SetVpnGateway(Gateway(), new Secret("new key"), Now);

        Assert.NotEqual(before.Id, GatewayKey().Id);
        Assert.Equal("new key", GatewayKey().PreSharedKey!.Reveal());
    }

    [Fact]
    public void The_first_gateway_needs_a_key()
    {
        var error = Assert.Throws<PolicyException>(() => document.SetVpnGateway(Gateway(), null, Now));

        Assert.Equal((ErrorIds.PreSharedKeyRequired, PolicyErrorCategory.InvalidArgument, (object?)"PreSharedKey"), (error.ErrorId, error.Category, error.Target));
        Assert.Null(document.VpnGateway);
        Assert.Null(document.FindPolicy(VpnGateway.PolicyName));
        Assert.Null(document.FindFilterList(VpnGateway.FilterListName));
    }

    [Fact]
    public void A_gateway_whose_generated_policy_was_deleted_by_hand_needs_a_key_again()
    {
        document.SetVpnGateway(Gateway(), new Secret("gateway key"), Then);
        document.Policies.RemoveAll(p => p.Name == VpnGateway.PolicyName);

        var error = Assert.Throws<PolicyException>(() => document.SetVpnGateway(Gateway(), null, Now));

        Assert.Equal(ErrorIds.PreSharedKeyRequired, error.ErrorId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_key_is_refused_like_New_IpSecAuthMethod_refuses_one(string key)
    {
        var error = Assert.Throws<PolicyException>(() => document.SetVpnGateway(Gateway(), new Secret(key), Now));

        Assert.Equal(ErrorIds.EmptyPreSharedKey, error.ErrorId);
        Assert.Null(document.VpnGateway);
    }

    [Fact]
    public void Refused_settings_change_nothing()
    {
        document.SetVpnGateway(Gateway(), new Secret("gateway key"), Then);

        var error = Assert.Throws<PolicyException>(() => document.SetVpnGateway(Gateway(g => g.Mtu = 100), new Secret("other key"), Now));

        Assert.Equal(ErrorIds.InvalidVpnGatewaySetting, error.ErrorId);
        Assert.Equal(VpnGateway.DefaultMtu, document.VpnGateway!.Mtu);
        Assert.Equal("gateway key", GatewayKey().PreSharedKey!.Reveal());
    }

    [Fact]
    public void Remove_gateway_takes_away_the_settings_and_every_generated_object()
    {
        var stored = document.SetVpnGateway(Gateway(), new Secret("gateway key"), Then);

        var removed = document.RemoveVpnGateway();

        Assert.Same(stored, removed);
        Assert.Null(document.VpnGateway);
        Assert.Null(document.FindPolicy(VpnGateway.PolicyName));
        Assert.Null(document.FindFilterList(VpnGateway.FilterListName));
        Assert.Null(document.FindFilterAction(VpnGateway.FilterActionName));
        Assert.Equal(PredefinedObjects.NewStore(Then).Policies.Select(p => p.Name), document.Policies.Select(p => p.Name));
    }

    [Fact]
    public void Remove_gateway_clears_the_assignment_of_the_generated_policy()
    {
        document.SetVpnGateway(Gateway(), new Secret("gateway key"), Then);
        document.Assign(VpnGateway.PolicyName);

        document.RemoveVpnGateway();

        Assert.Null(document.AssignedPolicy);
        Assert.Null(document.Assigned);
    }

    [Fact]
    public void Remove_gateway_leaves_another_assignment_alone()
    {
        document.SetVpnGateway(Gateway(), new Secret("gateway key"), Then);
        document.Assign(PredefinedObjects.ServerPolicy);

        document.RemoveVpnGateway();

        Assert.Equal(PredefinedObjects.ServerPolicy, document.AssignedPolicy);
    }

    [Fact]
    public void Remove_gateway_keeps_a_generated_list_and_action_that_a_rule_of_the_administrator_uses()
    {
        document.SetVpnGateway(Gateway(), new Secret("gateway key"), Then);
        document.GetPolicy(PredefinedObjects.ServerPolicy).Rules.Add(new Rule
        {
            Name = "L2TP too",
            FilterList = VpnGateway.FilterListName,
            FilterAction = VpnGateway.FilterActionName,
            AuthMethods = new List<AuthMethod> { AuthMethod.ForPreSharedKey("admin key") },
        });

        document.RemoveVpnGateway();

        Assert.NotNull(document.FindFilterList(VpnGateway.FilterListName));
        Assert.NotNull(document.FindFilterAction(VpnGateway.FilterActionName));
        Assert.Null(document.FindPolicy(VpnGateway.PolicyName));
    }

    [Fact]
    public void Get_and_remove_gateway_without_one_are_VpnGatewayNotConfigured()
    {
        var remove = Assert.Throws<PolicyException>(() => document.RemoveVpnGateway());
        var get = Assert.Throws<PolicyException>(() => document.GetVpnGateway());

        Assert.Equal((ErrorIds.VpnGatewayNotConfigured, PolicyErrorCategory.ObjectNotFound), (remove.ErrorId, remove.Category));
        Assert.Equal((ErrorIds.VpnGatewayNotConfigured, PolicyErrorCategory.ObjectNotFound), (get.ErrorId, get.Category));
    }

    [Fact]
    public void Get_gateway_returns_the_stored_settings()
    {
        var stored = document.SetVpnGateway(Gateway(), new Secret("gateway key"), Then);

        Assert.Same(stored, document.GetVpnGateway());
    }

    [Theory]
    [InlineData(VpnProposalProfile.Default)]
    [InlineData(VpnProposalProfile.Windows10)]
    [InlineData(VpnProposalProfile.WindowsXP)]
    [InlineData(VpnProposalProfile.MacOS)]
    [InlineData(VpnProposalProfile.Android)]
    public void Set_connection_generates_a_policy_to_the_server_with_the_profiles_proposals(VpnProposalProfile profile)
    {
        var connection = document.SetVpnConnection(Connection(c => c.ProposalProfile = profile), new Secret("client key"), new Secret("pw-alice"), Now);

        Assert.Same(connection, document.VpnConnection);
        Assert.Equal(Now, connection.LastModified);
        var filter = Assert.Single(document.GetFilterList(VpnConnection.FilterListName).Filters);
        Assert.Equal((FilterAddress.Me, FilterAddress.FromAddress(IPAddress.Parse("203.0.113.1")), FilterProtocol.Udp), (filter.SourceAddress, filter.DestinationAddress, filter.Protocol));
        Assert.Equal(((ushort)1701, (ushort)1701, true), (filter.SourcePort, filter.DestinationPort, filter.Mirrored));
        var action = document.GetFilterAction(VpnConnection.FilterActionName);
        Assert.Equal(VpnClientProposals.QuickMode(profile), action.SecurityMethods);
        Assert.False(action.FallbackToClear);
        var policy = document.GetPolicy(VpnConnection.PolicyName);
        Assert.False(policy.Assigned);
        Assert.Equal(VpnClientProposals.MainMode(profile), policy.MainModeSecurityMethods);
        var rule = Assert.Single(policy.Rules);
        Assert.Null(rule.TunnelEndpoint);
        Assert.Equal("client key", Assert.Single(rule.AuthMethods).PreSharedKey!.Reveal());
        Assert.Equal("pw-alice", connection.Password!.Reveal());
    }

    [Fact]
    public void A_new_connection_needs_a_password_and_a_key()
    {
        var noPassword = Assert.Throws<PolicyException>(() => document.SetVpnConnection(Connection(), new Secret("client key"), null, Now));
        var noKey = Assert.Throws<PolicyException>(() => document.SetVpnConnection(Connection(), null, new Secret("pw-alice"), Now));

        Assert.Equal((ErrorIds.InvalidVpnConnectionSetting, (object?)"Password"), (noPassword.ErrorId, noPassword.Target));
        Assert.Equal(ErrorIds.PreSharedKeyRequired, noKey.ErrorId);
        Assert.Null(document.VpnConnection);
        Assert.Null(document.FindPolicy(VpnConnection.PolicyName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pw\nalice")]
    public void A_connection_password_follows_the_user_password_rules(string password)
    {
        var error = Assert.Throws<PolicyException>(() => document.SetVpnConnection(Connection(), new Secret("client key"), new Secret(password), Now));

        Assert.Equal(ErrorIds.InvalidPassword, error.ErrorId);
        if (password.Length > 0)
        {
            Assert.DoesNotContain(password, error.Message);
        }

        Assert.Null(document.VpnConnection);
    }

    [Fact]
    public void Set_connection_without_password_or_key_keeps_the_stored_ones()
    {
        var first = document.SetVpnConnection(Connection(), new Secret("client key"), new Secret("pw-alice"), Then);
        var keyId = ConnectionKey().Id;

        var second = document.SetVpnConnection(Connection(c => c.ProposalProfile = VpnProposalProfile.Android), null, null, Now);

        Assert.Equal(first.PasswordId, second.PasswordId);
        Assert.Same(Secret.Stored, second.Password);
        Assert.Equal(keyId, ConnectionKey().Id);
        Assert.Equal(VpnClientProposals.MainMode(VpnProposalProfile.Android), document.GetPolicy(VpnConnection.PolicyName).MainModeSecurityMethods);
    }

    [Fact]
    public void Remove_connection_takes_away_its_settings_and_objects_and_leaves_the_gateways()
    {
        document.SetVpnGateway(Gateway(), new Secret("gateway key"), Then);
        document.SetVpnConnection(Connection(), new Secret("client key"), new Secret("pw-alice"), Then);
        document.Assign(VpnConnection.PolicyName);

        var removed = document.RemoveVpnConnection();

        Assert.Equal("alice", removed.UserName);
        Assert.Null(document.VpnConnection);
        Assert.Null(document.AssignedPolicy);
        Assert.Null(document.FindPolicy(VpnConnection.PolicyName));
        Assert.Null(document.FindFilterList(VpnConnection.FilterListName));
        Assert.Null(document.FindFilterAction(VpnConnection.FilterActionName));
        Assert.NotNull(document.VpnGateway);
        Assert.NotNull(document.FindPolicy(VpnGateway.PolicyName));
    }

    [Fact]
    public void Remove_connection_without_one_is_VpnConnectionNotConfigured()
    {
        var error = Assert.Throws<PolicyException>(() => document.RemoveVpnConnection());

        Assert.Equal((ErrorIds.VpnConnectionNotConfigured, PolicyErrorCategory.ObjectNotFound), (error.ErrorId, error.Category));
    }

    private AuthMethod GatewayKey() => Assert.Single(Assert.Single(document.GetPolicy(VpnGateway.PolicyName).Rules).AuthMethods);

    private AuthMethod ConnectionKey() => Assert.Single(Assert.Single(document.GetPolicy(VpnConnection.PolicyName).Rules).AuthMethods);

    private static VpnGateway Gateway(Action<VpnGateway>? change = null)
    {
        var gateway = new VpnGateway { InterfaceAlias = "eth0", AddressRange = "192.168.50.10-192.168.50.200" };
        change?.Invoke(gateway);
        return gateway;
    }

    private static VpnConnection Connection(Action<VpnConnection>? change = null)
    {
        var connection = new VpnConnection { InterfaceAlias = "eth0", ServerAddress = IPAddress.Parse("203.0.113.1"), UserName = "alice" };
        change?.Invoke(connection);
        return connection;
    }
}
