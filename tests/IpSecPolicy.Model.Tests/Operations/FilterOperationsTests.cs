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

public sealed class FilterOperationsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly StoreDocument document = PredefinedObjects.NewStore(Now.AddDays(-1));
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-filters-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(null, null, "Me", "Any")]
    [InlineData("10.0.0.1", null, "10.0.0.1", "Any")]
    [InlineData(null, "10.0.0.0/8", "Me", "10.0.0.0/8")]
    [InlineData("Dns", null, "Dns", "Me")]
    [InlineData("Gateway", null, "Gateway", "Me")]
    [InlineData(null, "Wins", "Me", "Wins")]
    [InlineData("Dhcp", "Me", "Dhcp", "Me")]
    public void Omitted_sides_default_like_the_filter_wizard_and_tokens_pair_with_me(string? source, string? destination, string expectedSource, string expectedDestination)
    {
        var (s, d) = FilterOperations.DefaultSides(source is null ? null : FilterAddress.Parse(source), destination is null ? null : FilterAddress.Parse(destination));

        Assert.Equal(expectedSource, s.ToString());
        Assert.Equal(expectedDestination, d.ToString());
    }

    [Fact]
    public void Adds_a_filter_and_stamps_the_list()
    {
        var filter = new Filter { DestinationAddress = FilterAddress.Parse("10.1.1.5"), Protocol = FilterProtocol.Tcp, DestinationPort = 1433 };

        document.AddFilter("all ip traffic", filter, Now);

        var list = document.GetFilterList(PredefinedObjects.AllIpTraffic);
        Assert.Equal(2, list.Filters.Count);
        Assert.Equal(PredefinedObjects.AllIpTraffic, filter.FilterList);
        Assert.Equal(Now, list.LastModified);
    }

    [Theory]
    [InlineData("ICMP", 0, 80)]
    [InlineData("Any", 1024, 0)]
    [InlineData("Raw", 0, 1)]
    [InlineData("47", 5, 5)]
    public void Refuses_ports_without_tcp_or_udp(string protocol, int sourcePort, int destinationPort)
    {
        var filter = new Filter { Protocol = FilterProtocol.Parse(protocol), SourcePort = (ushort)sourcePort, DestinationPort = (ushort)destinationPort };

        var error = Assert.Throws<PolicyException>(() => document.AddFilter(PredefinedObjects.AllIpTraffic, filter, Now));

        Assert.Equal(ErrorIds.PortsRequireTcpOrUdp, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, error.Category);
    }

    [Theory]
    [InlineData("TCP")]
    [InlineData("UDP")]
    [InlineData("17")]
    public void Accepts_ports_with_tcp_or_udp(string protocol)
    {
        var filter = new Filter { Protocol = FilterProtocol.Parse(protocol), SourcePort = 1701, DestinationPort = 1701 };

        document.AddFilter(PredefinedObjects.AllIpTraffic, filter, Now);

        Assert.Contains(filter, document.GetFilterList(PredefinedObjects.AllIpTraffic).Filters);
    }

    [Theory]
    [InlineData("Dns", "Any")]
    [InlineData("10.0.0.1", "Wins")]
    [InlineData("Gateway", "Dhcp")]
    public void Refuses_a_server_token_whose_other_side_is_not_me(string source, string destination)
    {
        var filter = new Filter { SourceAddress = FilterAddress.Parse(source), DestinationAddress = FilterAddress.Parse(destination) };

        var error = Assert.Throws<PolicyException>(() => document.AddFilter(PredefinedObjects.AllIpTraffic, filter, Now));

        Assert.Equal(ErrorIds.ServerTokenRequiresMe, error.ErrorId);
    }

    [Fact]
    public void Refuses_mixed_address_families()
    {
        var filter = new Filter { SourceAddress = FilterAddress.Parse("10.0.0.1"), DestinationAddress = FilterAddress.Parse("2001:db8::/32") };

        var error = Assert.Throws<PolicyException>(() => document.AddFilter(PredefinedObjects.AllIpTraffic, filter, Now));

        Assert.Equal(ErrorIds.MixedAddressFamilies, error.ErrorId);
    }

    [Fact]
    public void Accepts_ipv6_filters()
    {
        var filter = new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Parse("2001:db8::/32"), Protocol = FilterProtocol.Icmp };

        document.AddFilter(PredefinedObjects.AllIpTraffic, filter, Now);

        Assert.Contains(filter, document.GetFilterList(PredefinedObjects.AllIpTraffic).Filters);
    }

    [Fact]
    public void Refuses_a_duplicate_filter_but_not_one_that_differs_in_mirroring()
    {
        var error = Assert.Throws<PolicyException>(() => document.AddFilter(PredefinedObjects.AllIpTraffic, new Filter(), Now));
        Assert.Equal(ErrorIds.DuplicateFilter, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.ResourceExists, error.Category);

        document.AddFilter(PredefinedObjects.AllIpTraffic, new Filter { Mirrored = false }, Now);
        Assert.Equal(2, document.GetFilterList(PredefinedObjects.AllIpTraffic).Filters.Count);
    }

    [Fact]
    public void Adding_to_a_missing_list_is_not_found()
    {
        var error = Assert.Throws<PolicyException>(() => document.AddFilter("Nope", new Filter(), Now));

        Assert.Equal(ErrorIds.FilterListNotFound, error.ErrorId);
    }

    [Fact]
    public void A_selector_with_only_addresses_removes_every_matching_filter()
    {
        document.AddFilterList(new FilterList { Name = "Web" }, Now);
        var web = FilterAddress.Parse("10.0.0.80");
        document.AddFilter("Web", new Filter { DestinationAddress = web, Protocol = FilterProtocol.Tcp, DestinationPort = 80 }, Now);
        document.AddFilter("Web", new Filter { DestinationAddress = web, Protocol = FilterProtocol.Tcp, DestinationPort = 443 }, Now);
        document.AddFilter("Web", new Filter { DestinationAddress = FilterAddress.Parse("10.0.0.81"), Protocol = FilterProtocol.Tcp, DestinationPort = 80 }, Now);

        var removed = document.RemoveFilters("Web", new FilterSelector(FilterAddress.Me, web), Now);

        Assert.Equal(2, removed.Count);
        Assert.All(removed, f => Assert.Equal("Web", f.FilterList));
        Assert.Equal("10.0.0.81", Assert.Single(document.GetFilterList("Web").Filters).DestinationAddress.ToString());
    }

    [Fact]
    public void Optional_selector_fields_narrow_the_match()
    {
        document.AddFilterList(new FilterList { Name = "Web" }, Now);
        var web = FilterAddress.Parse("10.0.0.80");
        document.AddFilter("Web", new Filter { DestinationAddress = web, Protocol = FilterProtocol.Tcp, DestinationPort = 80 }, Now);
        document.AddFilter("Web", new Filter { DestinationAddress = web, Protocol = FilterProtocol.Tcp, DestinationPort = 443 }, Now);

        var removed = document.RemoveFilters("Web", new FilterSelector(FilterAddress.Me, web) { Protocol = FilterProtocol.Tcp, DestinationPort = 443, Mirrored = true }, Now);

        Assert.Equal(443, Assert.Single(removed).DestinationPort);
        Assert.Equal(80, Assert.Single(document.GetFilterList("Web").Filters).DestinationPort);
    }

    [Fact]
    public void A_selector_matching_nothing_is_filter_not_found()
    {
        var selector = new FilterSelector(FilterAddress.Me, FilterAddress.Any) { Protocol = FilterProtocol.Udp };

        var error = Assert.Throws<PolicyException>(() => document.RemoveFilters(PredefinedObjects.AllIpTraffic, selector, Now));

        Assert.Equal(ErrorIds.FilterNotFound, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.ObjectNotFound, error.Category);
        Assert.Contains("protocol UDP", error.Message);
    }

    [Fact]
    public void Removes_one_filter_found_by_its_list_and_selector()
    {
        var copy = document.GetFilterList(PredefinedObjects.AllIcmpTraffic).Filters[0].Clone();
        copy.FilterList = PredefinedObjects.AllIcmpTraffic;
        copy.Description = "descriptions do not identify filters";

        var removed = document.RemoveFilter(copy, Now);

        Assert.Equal(FilterProtocol.Icmp, removed.Protocol);
        Assert.Equal(PredefinedObjects.AllIcmpTraffic, removed.FilterList);
        Assert.Empty(document.GetFilterList(PredefinedObjects.AllIcmpTraffic).Filters);
        Assert.Equal(ErrorIds.FilterNotFound, Assert.Throws<PolicyException>(() => document.RemoveFilter(copy, Now)).ErrorId);
    }

    [Fact]
    public void A_filter_without_a_list_cannot_be_removed_by_object()
    {
        var error = Assert.Throws<PolicyException>(() => document.RemoveFilter(new Filter(), Now));

        Assert.Equal(ErrorIds.FilterListNotFound, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, error.Category);
    }

    [Fact]
    public void The_store_refuses_a_one_way_filter_in_a_list_a_negotiate_rule_uses()
    {
        var store = new PolicyStore(directory);
        var oneWay = new Filter { DestinationAddress = FilterAddress.Parse("10.0.0.9"), Mirrored = false };

        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddFilter(PredefinedObjects.AllIpTraffic, oneWay, Now)));

        Assert.Equal(ErrorIds.NegotiateRequiresMirroredFilters, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidOperation, error.Category);
        Assert.Single(store.Read().GetFilterList(PredefinedObjects.AllIpTraffic).Filters);
    }

    [Fact]
    public void A_one_way_filter_is_fine_in_a_list_only_permit_rules_use()
    {
        var store = new PolicyStore(directory);
        var oneWay = new Filter { DestinationAddress = FilterAddress.Parse("10.0.0.9"), Protocol = FilterProtocol.Icmp, Mirrored = false };

        store.Update(d => d.AddFilter(PredefinedObjects.AllIcmpTraffic, oneWay, Now));

        Assert.Equal(2, store.Read().GetFilterList(PredefinedObjects.AllIcmpTraffic).Filters.Count);
    }

    [Fact]
    public void The_store_refuses_a_port_filter_in_a_list_a_tunnel_rule_uses()
    {
        var store = new PolicyStore(directory);
        store.Update(d =>
        {
            d.AddFilterList(new FilterList { Name = "Site B", Filters = { new Filter { SourceAddress = FilterAddress.Parse("10.1.0.0/16"), DestinationAddress = FilterAddress.Parse("10.2.0.0/16"), Mirrored = false } } }, Now);
            d.GetPolicy(PredefinedObjects.ServerPolicy).Rules.Add(new Rule
            {
                Name = "To site B",
                FilterList = "Site B",
                FilterAction = PredefinedObjects.Permit,
                TunnelEndpoint = IPAddress.Parse("192.0.2.2"),
                AuthMethods = { AuthMethod.ForKerberos() },
            });
        });
        var portFilter = new Filter { SourceAddress = FilterAddress.Parse("10.1.0.0/16"), DestinationAddress = FilterAddress.Parse("10.2.0.0/16"), Protocol = FilterProtocol.Tcp, DestinationPort = 22, Mirrored = false };

        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddFilter("Site B", portFilter, Now)));

        Assert.Equal(ErrorIds.TunnelFilterNotAddressOnly, error.ErrorId);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
