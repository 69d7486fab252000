using System.Collections.Generic;
using System.Net;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Validation;

namespace IpSecPolicy.Model.Tests.Validation;

/// <summary>Every refusal of a VPN gateway's and a VPN connection's settings, and what passes.</summary>
public sealed class VpnGatewayRulesTests
{
    [Fact]
    public void A_typical_gateway_passes()
    {
        VpnGatewayRules.Check(Gateway());
        VpnGatewayRules.Check(Gateway(g =>
        {
            g.LocalAddress = IPAddress.Parse("192.168.50.1");
            g.DnsServers = new List<IPAddress> { IPAddress.Parse("192.168.1.10"), IPAddress.Parse("192.168.1.11") };
            g.WinsServers = new List<IPAddress> { IPAddress.Parse("192.168.1.12") };
            g.AuthenticationMethods = new List<VpnAuthenticationMethod> { VpnAuthenticationMethod.MsChapV2, VpnAuthenticationMethod.Chap, VpnAuthenticationMethod.Pap };
            g.MaxSessions = VpnGatewayRules.MaxSessionsLimit;
            g.IdleDisconnectSeconds = VpnGatewayRules.MaxIdleDisconnectSeconds;
            g.Mtu = VpnGateway.MaxMtu;
        }));
    }

    [Theory]
    [InlineData("192.168.50.10-192.168.50.200", "192.168.50.10", "192.168.50.200")]
    [InlineData(" 10.0.0.1 - 10.0.255.255 ", "10.0.0.1", "10.0.255.255")]
    [InlineData("192.168.50.10-192.168.50.11", "192.168.50.10", "192.168.50.11")]
    public void An_address_range_is_first_dash_last(string text, string first, string last)
    {
        var range = VpnGatewayRules.ParseAddressRange(text);

        Assert.Equal((IPAddress.Parse(first), IPAddress.Parse(last)), range);
    }

    [Theory]
    [InlineData("")]
    [InlineData("192.168.50.10")]
    [InlineData("192.168.50.0/24")]
    [InlineData("192.168.50.10-")]
    [InlineData("192.168.50.10-200")]
    [InlineData("192.168.50.10-192.168.50.256")]
    [InlineData("192.168.50.10-192.168.50.20-192.168.50.30")]
    [InlineData("alpha-omega")]
    [InlineData("2001:db8::10-2001:db8::20")]
    [InlineData("192.168.50.10-2001:db8::20")]
    [InlineData("192.168.50.200-192.168.50.10")]
    [InlineData("10.0.0.0-10.1.0.0")]
    [InlineData("0.0.0.1-0.0.0.20")]
    [InlineData("127.0.0.1-127.0.0.20")]
    [InlineData("169.254.0.1-169.254.0.20")]
    [InlineData("224.0.0.1-224.0.0.20")]
    [InlineData("240.0.0.1-240.0.0.20")]
    public void Bad_address_ranges_are_refused_naming_AddressRange(string text)
    {
        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, "AddressRange", () => VpnGatewayRules.ParseAddressRange(text));
    }

    [Fact]
    public void A_pool_of_exactly_MaxPoolSize_addresses_passes_and_one_more_does_not()
    {
        VpnGatewayRules.ParseAddressRange("10.0.0.0-10.0.255.255");

        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, "AddressRange", () => VpnGatewayRules.ParseAddressRange("10.0.0.0-10.1.0.0"));
    }

    [Fact]
    public void A_gateway_needs_an_adapter()
    {
        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, "InterfaceAlias", () => VpnGatewayRules.Check(Gateway(g => g.InterfaceAlias = " ")));
    }

    [Fact]
    public void A_one_address_pool_needs_a_local_address_since_the_gateway_would_take_the_only_one()
    {
        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, "AddressRange", () => VpnGatewayRules.Check(Gateway(g => g.AddressRange = "192.168.50.10-192.168.50.10")));

        VpnGatewayRules.Check(Gateway(g =>
        {
            g.AddressRange = "192.168.50.10-192.168.50.10";
            g.LocalAddress = IPAddress.Parse("192.168.50.1");
        }));
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.1.1")]
    [InlineData("224.0.0.5")]
    [InlineData("255.255.255.255")]
    public void The_local_address_must_be_unicast_IPv4(string address)
    {
        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, "LocalAddress", () => VpnGatewayRules.Check(Gateway(g => g.LocalAddress = IPAddress.Parse(address))));
    }

    [Theory]
    [InlineData("DnsServer")]
    [InlineData("WinsServer")]
    public void At_most_two_servers_each_as_RFC_1877_has_two_options(string setting)
    {
        var three = new List<IPAddress> { IPAddress.Parse("192.168.1.10"), IPAddress.Parse("192.168.1.11"), IPAddress.Parse("192.168.1.12") };

        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, setting, () => VpnGatewayRules.Check(Gateway(g => Servers(g, setting).AddRange(three))));
    }

    [Theory]
    [InlineData("DnsServer", "2001:db8::53")]
    [InlineData("DnsServer", "127.0.0.53")]
    [InlineData("WinsServer", "2001:db8::137")]
    [InlineData("WinsServer", "224.0.0.1")]
    public void Servers_must_be_unicast_IPv4(string setting, string address)
    {
        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, setting, () => VpnGatewayRules.Check(Gateway(g => Servers(g, setting).Add(IPAddress.Parse(address)))));
    }

    [Fact]
    public void Authentication_methods_are_at_least_one_each_once()
    {
        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, "AuthenticationMethod", () =>
            VpnGatewayRules.Check(Gateway(g => g.AuthenticationMethods = new List<VpnAuthenticationMethod>())));
        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, "AuthenticationMethod", () =>
            VpnGatewayRules.Check(Gateway(g => g.AuthenticationMethods = new List<VpnAuthenticationMethod> { VpnAuthenticationMethod.Pap, VpnAuthenticationMethod.Pap })));
    }

    [Theory]
    [InlineData("MaxSessions", 0)]
    [InlineData("MaxSessions", VpnGatewayRules.MaxSessionsLimit + 1)]
    [InlineData("IdleDisconnectSeconds", -1)]
    [InlineData("IdleDisconnectSeconds", VpnGatewayRules.MaxIdleDisconnectSeconds + 1)]
    [InlineData("Mtu", VpnGateway.MinMtu - 1)]
    [InlineData("Mtu", VpnGateway.MaxMtu + 1)]
    public void Numbers_out_of_range_are_refused_naming_the_setting(string setting, int value)
    {
        var error = AssertRefused(ErrorIds.InvalidVpnGatewaySetting, setting, () => VpnGatewayRules.Check(Gateway(g => Number(g, setting, value))));

        Assert.StartsWith($"-{setting} must be between", error.Message);
    }

    [Theory]
    [InlineData("MaxSessions", 1)]
    [InlineData("IdleDisconnectSeconds", 0)]
    [InlineData("Mtu", VpnGateway.MinMtu)]
    public void The_lower_bounds_pass(string setting, int value)
    {
        VpnGatewayRules.Check(Gateway(g => Number(g, setting, value)));
    }

    [Fact]
    public void A_typical_connection_passes_with_IPv4_or_IPv6_servers()
    {
        VpnGatewayRules.Check(Connection());
        VpnGatewayRules.Check(Connection(c => c.ServerAddress = IPAddress.Parse("2001:db8::1")));
        VpnGatewayRules.Check(Connection(c => c.UserName = @"CORP\alice"));
        VpnGatewayRules.Check(Connection(c => c.UserName = new string('a', 255)));
    }

    [Fact]
    public void A_connection_needs_an_adapter()
    {
        AssertRefused(ErrorIds.InvalidVpnConnectionSetting, "InterfaceAlias", () => VpnGatewayRules.Check(Connection(c => c.InterfaceAlias = "")));
    }

    [Theory]
    [InlineData("255.255.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("ff02::1")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    public void The_server_must_be_an_address_a_gateway_can_have(string address)
    {
        AssertRefused(ErrorIds.InvalidVpnConnectionSetting, "ServerAddress", () => VpnGatewayRules.Check(Connection(c => c.ServerAddress = IPAddress.Parse(address))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("ali\nce")]
    [InlineData("ali\u0000ce")]
    public void The_user_name_must_be_printable_and_not_empty(string name)
    {
        AssertRefused(ErrorIds.InvalidVpnConnectionSetting, "UserName", () => VpnGatewayRules.Check(Connection(c => c.UserName = name)));
    }

    [Fact]
    public void The_user_name_fits_PAPs_one_octet_length()
    {
        // 128 two-byte characters: 256 bytes in UTF-8.
        AssertRefused(ErrorIds.InvalidVpnConnectionSetting, "UserName", () => VpnGatewayRules.Check(Connection(c => c.UserName = new string('ü', 128))));
    }

    [Fact]
    public void Connection_authentication_methods_are_at_least_one_each_once()
    {
        AssertRefused(ErrorIds.InvalidVpnConnectionSetting, "AuthenticationMethod", () =>
            VpnGatewayRules.Check(Connection(c => c.AuthenticationMethods = new List<VpnAuthenticationMethod>())));
        AssertRefused(ErrorIds.InvalidVpnConnectionSetting, "AuthenticationMethod", () =>
            VpnGatewayRules.Check(Connection(c => c.AuthenticationMethods = new List<VpnAuthenticationMethod> { VpnAuthenticationMethod.Chap, VpnAuthenticationMethod.Chap })));
    }

    [Theory]
    [InlineData("10.1.0.0/16", "10.1.0.0", 16)]
    [InlineData("10.1.2.3/16", "10.1.0.0", 16)]
    [InlineData(" 0.0.0.0/0 ", "0.0.0.0", 0)]
    [InlineData("192.168.1.7/32", "192.168.1.7", 32)]
    public void A_route_is_an_IPv4_prefix_normalized_to_its_network(string text, string network, int length)
    {
        Assert.Equal((IPAddress.Parse(network), length), VpnGatewayRules.ParseRoute(text));
    }

    [Theory]
    [InlineData("10.1.0.0")]
    [InlineData("10.1.0.0/33")]
    [InlineData("10.1.0.0/-1")]
    [InlineData("10.1.0.0/+8")]
    [InlineData("10.1.0.0/16/8")]
    [InlineData("2001:db8::/32")]
    [InlineData("corp/16")]
    public void Bad_routes_are_refused(string text)
    {
        AssertRefused(ErrorIds.InvalidVpnConnectionSetting, "Route", () => VpnGatewayRules.ParseRoute(text));
        AssertRefused(ErrorIds.InvalidVpnConnectionSetting, "Route", () => VpnGatewayRules.Check(Connection(c => c.Routes.Add(text))));
    }

    [Theory]
    [InlineData("192.168.1.10", "192.168.1.10")]
    [InlineData(" 192.168.1.10 ", "192.168.1.10")]
    [InlineData("2001:db8::53", "2001:db8::53")]
    public void Gateway_addresses_parse_as_written(string text, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), VpnGatewayRules.ParseAddress(text, "DnsServer"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("192.168.1.256")]
    [InlineData("dns.corp.example")]
    [InlineData("192.168.1.0/24")]
    public void Gateway_addresses_that_are_not_addresses_are_refused_naming_the_setting(string text)
    {
        AssertRefused(ErrorIds.InvalidVpnGatewaySetting, "WinsServer", () => VpnGatewayRules.ParseAddress(text, "WinsServer"));
    }

    [Theory]
    [InlineData("203.0.113.1")]
    [InlineData("2001:db8::1")]
    public void A_server_address_is_an_IPv4_or_IPv6_address(string text)
    {
        Assert.Equal(IPAddress.Parse(text), VpnGatewayRules.ParseServerAddress(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("vpn.corp.example")]
    [InlineData("203.0.113")]
    [InlineData("203.0.113.1:1701")]
    public void A_server_address_that_is_not_an_address_is_refused(string text)
    {
        AssertRefused(ErrorIds.InvalidVpnConnectionSetting, "ServerAddress", () => VpnGatewayRules.ParseServerAddress(text));
    }

    private static PolicyException AssertRefused(string id, string setting, System.Action check)
    {
        var error = Assert.Throws<PolicyException>(check);
        Assert.Equal((id, PolicyErrorCategory.InvalidArgument, (object)setting), (error.ErrorId, error.Category, error.Target!));
        return error;
    }

    private static VpnGateway Gateway(System.Action<VpnGateway>? change = null)
    {
        var gateway = new VpnGateway { InterfaceAlias = "eth0", AddressRange = "192.168.50.10-192.168.50.200" };
        change?.Invoke(gateway);
        return gateway;
    }

    private static VpnConnection Connection(System.Action<VpnConnection>? change = null)
    {
        var connection = new VpnConnection { InterfaceAlias = "eth0", ServerAddress = IPAddress.Parse("203.0.113.1"), UserName = "alice" };
        change?.Invoke(connection);
        return connection;
    }

    private static List<IPAddress> Servers(VpnGateway gateway, string setting) => setting == "DnsServer" ? gateway.DnsServers : gateway.WinsServers;

    private static void Number(VpnGateway gateway, string setting, int value)
    {
        switch (setting)
        {
            case "MaxSessions":
                gateway.MaxSessions = value;
                break;
            case "IdleDisconnectSeconds":
                gateway.IdleDisconnectSeconds = value;
                break;
            default:
                gateway.Mtu = value;
                break;
        }
    }
}
