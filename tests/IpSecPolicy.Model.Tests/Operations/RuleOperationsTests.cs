using System;
using System.IO;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Operations;

public sealed class RuleOperationsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-rules-{Guid.NewGuid():N}");
    private readonly PolicyStore store;

    public RuleOperationsTests()
    {
        store = new PolicyStore(directory);
        store.Update(d =>
        {
            d.AddPolicy(new Policy { Name = "Partner" }, Now);
            d.FilterLists.Add(new FilterList
            {
                Name = "One way",
                Filters = { new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.10"), Mirrored = false } },
            });
            d.FilterLists.Add(new FilterList
            {
                Name = "SQL",
                Filters = { new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.20"), Protocol = FilterProtocol.Tcp, DestinationPort = 1433 } },
            });
            d.FilterLists.Add(new FilterList
            {
                Name = "Subnets",
                Filters = { new Filter { SourceAddress = FilterAddress.Parse("10.1.0.0/16"), DestinationAddress = FilterAddress.Parse("10.2.0.0/16") } },
            });
            d.FilterActions.Add(new FilterAction { Name = "Block", Action = FilterActionType.Block });
        });
    }

    private static Rule NewRule(string name = "To partner", string list = "All IP Traffic", string action = "Require Security") => new()
    {
        Name = name,
        FilterList = list,
        FilterAction = action,
        AuthMethods = { AuthMethod.ForPreSharedKey("partner key") },
    };

    [Fact]
    public void A_rule_is_added_with_windows_defaults_and_the_policy_marked_modified()
    {
        var later = Now.AddHours(1);

        var rule = store.Update(d => d.AddRule("partner", NewRule(), later));

        Assert.Equal("Partner", rule.Policy);
        Assert.Equal(ConnectionType.All, rule.ConnectionType);
        Assert.True(rule.Active);
        Assert.Null(rule.TunnelEndpoint);
        var stored = store.Read().GetPolicy("Partner");
        Assert.Equal("To partner", Assert.Single(stored.Rules).Name);
        Assert.Equal(later, stored.LastModified);
    }

    [Fact]
    public void References_take_the_stored_spelling()
    {
        var rule = store.Update(d => d.AddRule("Partner", NewRule(list: "all ip traffic", action: "REQUIRE SECURITY"), Now));

        Assert.Equal("All IP Traffic", rule.FilterList);
        Assert.Equal("Require Security", rule.FilterAction);
    }

    [Fact]
    public void A_permit_or_block_rule_needs_no_authentication_method()
    {
        var rule = store.Update(d => d.AddRule("Partner", new Rule { Name = "Drop", FilterList = "All IP Traffic", FilterAction = "Block" }, Now));

        Assert.Empty(rule.AuthMethods);
    }

    [Fact]
    public void A_negotiating_rule_without_an_authentication_method_is_refused_rather_than_given_kerberos()
    {
        var error = Assert.Throws<PolicyException>(() =>
            store.Update(d => d.AddRule("Partner", new Rule { Name = "R", FilterList = "All IP Traffic", FilterAction = "Require Security" }, Now)));

        Assert.Equal(ErrorIds.NegotiateRequiresAuthMethod, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidOperation, error.Category);
        Assert.Contains("-AuthMethod", error.Message);
    }

    [Theory]
    [InlineData("No such list", "Permit", ErrorIds.FilterListNotFound)]
    [InlineData("All IP Traffic", "No such action", ErrorIds.FilterActionNotFound)]
    public void Referenced_list_and_action_must_exist(string list, string action, string errorId)
    {
        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddRule("Partner", NewRule(list: list, action: action), Now)));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.ObjectNotFound, error.Category);
    }

    [Fact]
    public void The_policy_must_exist()
    {
        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddRule("Nobody", NewRule(), Now)));

        Assert.Equal(ErrorIds.PolicyNotFound, error.ErrorId);
    }

    [Fact]
    public void Rule_names_collide_within_a_policy_case_insensitively_but_not_across_policies()
    {
        store.Update(d => d.AddRule("Partner", NewRule("R"), Now));

        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddRule("Partner", NewRule("r"), Now)));
        store.Update(d => d.AddRule(PredefinedObjects.ServerPolicy, NewRule("R"), Now));

        Assert.Equal(ErrorIds.NameCollision, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.ResourceExists, error.Category);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Web*")]
    public void Bad_names_are_refused(string name)
    {
        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddRule("Partner", NewRule(name), Now)));

        Assert.Equal(ErrorIds.InvalidName, error.ErrorId);
    }

    [Fact]
    public void The_validator_refuses_negotiate_over_a_non_mirrored_filter()
    {
        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddRule("Partner", NewRule(list: "One way"), Now)));

        Assert.Equal(ErrorIds.NegotiateRequiresMirroredFilters, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidOperation, error.Category);
        Assert.Empty(store.Read().GetPolicy("Partner").Rules);
    }

    [Fact]
    public void A_non_mirrored_filter_may_be_permitted_or_blocked()
    {
        store.Update(d => d.AddRule("Partner", new Rule { Name = "Out", FilterList = "One way", FilterAction = "Block" }, Now));

        Assert.Single(store.Read().GetPolicy("Partner").Rules);
    }

    [Fact]
    public void The_validator_refuses_a_tunnel_over_protocol_or_port_filters()
    {
        var rule = NewRule(list: "SQL");
        rule.TunnelEndpoint = IPAddress.Parse("198.51.100.1");

        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddRule("Partner", rule, Now)));

        Assert.Equal(ErrorIds.TunnelFilterNotAddressOnly, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidOperation, error.Category);
    }

    [Theory]
    [InlineData("198.51.100.1")]
    [InlineData("2001:db8::1")]
    public void A_tunnel_rule_takes_an_ipv4_or_ipv6_endpoint(string endpoint)
    {
        var rule = NewRule(list: "Subnets");
        rule.TunnelEndpoint = TunnelEndpoint.Parse(endpoint);

        store.Update(d => d.AddRule("Partner", rule, Now));

        var stored = Assert.Single(store.Read().GetPolicy("Partner").Rules);
        Assert.Equal(IPAddress.Parse(endpoint), stored.TunnelEndpoint);
        Assert.True(stored.IsTunnel);
    }

    [Fact]
    public void A_tunnel_rule_may_negotiate_over_one_way_subnet_filters()
    {
        store.Update(d => d.FilterLists.Add(new FilterList
        {
            Name = "Branch to HQ",
            Filters = { new Filter { SourceAddress = FilterAddress.Parse("10.1.0.0/16"), DestinationAddress = FilterAddress.Parse("10.2.0.0/16"), Mirrored = false } },
        }));
        var rule = NewRule(list: "Branch to HQ");
        rule.TunnelEndpoint = IPAddress.Parse("198.51.100.1");

        store.Update(d => d.AddRule("Partner", rule, Now));

        Assert.Single(store.Read().GetPolicy("Partner").Rules);
    }

    [Fact]
    public void Update_changes_only_what_the_change_sets_and_can_rename()
    {
        store.Update(d => d.AddRule("Partner", NewRule("R"), Now));
        var later = Now.AddDays(1);

        var rule = store.Update(d => d.UpdateRule("Partner", "r", r =>
        {
            r.Name = "Renamed";
            r.ConnectionType = ConnectionType.Lan;
            r.Active = false;
        }, later));

        Assert.Equal("Renamed", rule.Name);
        var stored = Assert.Single(store.Read().GetPolicy("Partner").Rules);
        Assert.Equal(ConnectionType.Lan, stored.ConnectionType);
        Assert.False(stored.Active);
        Assert.Equal("Require Security", stored.FilterAction);
        Assert.Equal(AuthMethodKind.PreSharedKey, Assert.Single(stored.AuthMethods).Kind);
        Assert.Equal(later, store.Read().GetPolicy("Partner").LastModified);
    }

    [Fact]
    public void Update_refuses_a_new_name_that_another_rule_has_but_accepts_a_change_of_case()
    {
        store.Update(d =>
        {
            d.AddRule("Partner", NewRule("A"), Now);
            d.AddRule("Partner", NewRule("B"), Now);
        });

        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.UpdateRule("Partner", "A", r => r.Name = "b", Now)));
        store.Update(d => d.UpdateRule("Partner", "A", r => r.Name = "a", Now));

        Assert.Equal(ErrorIds.NameCollision, error.ErrorId);
        Assert.Equal(new[] { "a", "B" }, store.Read().GetPolicy("Partner").Rules.Select(r => r.Name));
    }

    [Fact]
    public void Update_refuses_switching_a_rule_to_a_negotiating_action_without_authentication()
    {
        store.Update(d => d.AddRule("Partner", new Rule { Name = "R", FilterList = "All IP Traffic", FilterAction = "Permit" }, Now));

        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.UpdateRule("Partner", "R", r => r.FilterAction = "Require Security", Now)));

        Assert.Equal(ErrorIds.NegotiateRequiresAuthMethod, error.ErrorId);
    }

    [Fact]
    public void Update_into_a_tunnel_over_port_filters_is_refused_by_the_validator()
    {
        store.Update(d => d.AddRule("Partner", NewRule("R", list: "SQL"), Now));

        var error = Assert.Throws<PolicyException>(() =>
            store.Update(d => d.UpdateRule("Partner", "R", r => r.TunnelEndpoint = IPAddress.Parse("198.51.100.1"), Now)));

        Assert.Equal(ErrorIds.TunnelFilterNotAddressOnly, error.ErrorId);
    }

    [Fact]
    public void Update_and_remove_of_a_missing_rule_say_rule_not_found()
    {
        var update = Assert.Throws<PolicyException>(() => store.Update(d => d.UpdateRule("Partner", "Ghost", _ => { }, Now)));
        var remove = Assert.Throws<PolicyException>(() => store.Update(d => d.RemoveRule("Partner", "Ghost", Now)));

        Assert.Equal(ErrorIds.RuleNotFound, update.ErrorId);
        Assert.Equal(PolicyErrorCategory.ObjectNotFound, remove.Category);
    }

    [Fact]
    public void Removing_a_rule_drops_its_key_from_the_secret_file()
    {
        store.Update(d => d.AddRule("Partner", NewRule("R"), Now));
        Assert.Single(store.ReadSecrets());

        var removed = store.Update(d => d.RemoveRule("Partner", "R", Now));

        Assert.Equal("Partner", removed.Policy);
        Assert.Empty(store.Read().GetPolicy("Partner").Rules);
        Assert.Empty(store.ReadSecrets());
    }

    [Fact]
    public void One_key_object_given_to_two_rules_makes_two_secrets_and_stays_usable()
    {
        var key = AuthMethod.ForPreSharedKey("shared secret");

        store.Update(d =>
        {
            d.AddRule("Partner", new Rule { Name = "A", FilterList = "All IP Traffic", FilterAction = "Require Security", AuthMethods = { key } }, Now);
            d.AddRule("Partner", new Rule { Name = "B", FilterList = "All ICMP Traffic", FilterAction = "Require Security", AuthMethods = { key } }, Now);
        });

        var rules = store.Read().GetPolicy("Partner").Rules;
        Assert.NotEqual(rules[0].AuthMethods[0].Id, rules[1].AuthMethods[0].Id);
        Assert.All(rules, r => Assert.Equal("shared secret", store.ReadSecrets()[r.AuthMethods[0].Id]));
        Assert.True(key.PreSharedKey!.HasValue);
    }

    [Fact]
    public void A_stored_key_read_back_keeps_its_id_when_given_to_another_rule()
    {
        store.Update(d => d.AddRule("Partner", NewRule("A"), Now));
        var stored = store.Read().GetPolicy("Partner").Rules[0].AuthMethods[0];

        store.Update(d => d.AddRule("Partner", new Rule { Name = "B", FilterList = "All ICMP Traffic", FilterAction = "Require Security", AuthMethods = { stored } }, Now));

        Assert.Equal(stored.Id, store.Read().GetPolicy("Partner").Rules[1].AuthMethods[0].Id);
        Assert.Equal("partner key", store.ReadSecrets()[stored.Id]);
    }

    [Fact]
    public void Auth_methods_keep_their_order()
    {
        var rule = NewRule();
        rule.AuthMethods.Insert(0, AuthMethod.ForCertificate("CN=Contoso Root CA", mapping: true));
        rule.AuthMethods.Add(AuthMethod.ForKerberos());

        store.Update(d => d.AddRule("Partner", rule, Now));

        Assert.Equal(new[] { AuthMethodKind.Certificate, AuthMethodKind.PreSharedKey, AuthMethodKind.Kerberos },
            store.Read().GetPolicy("Partner").Rules[0].AuthMethods.Select(m => m.Kind));
    }

    [Fact]
    public void A_key_method_without_a_key_and_a_certificate_method_without_a_ca_are_refused()
    {
        var keyless = NewRule("A");
        keyless.AuthMethods[0] = new AuthMethod { Kind = AuthMethodKind.PreSharedKey };
        var caless = NewRule("B");
        caless.AuthMethods[0] = new AuthMethod { Kind = AuthMethodKind.Certificate };

        var noKey = Assert.Throws<PolicyException>(() => store.Update(d => d.AddRule("Partner", keyless, Now)));
        var noCa = Assert.Throws<PolicyException>(() => store.Update(d => d.AddRule("Partner", caless, Now)));

        Assert.Equal(ErrorIds.EmptyPreSharedKey, noKey.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, noKey.Category);
        Assert.Equal(ErrorIds.InvalidAuthMethod, noCa.ErrorId);
    }

    [Fact]
    public void An_undefined_connection_type_is_refused()
    {
        var rule = NewRule();
        rule.ConnectionType = (ConnectionType)7;

        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddRule("Partner", rule, Now)));

        Assert.Equal(ErrorIds.InvalidValue, error.ErrorId);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
