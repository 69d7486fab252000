using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Tests;

public sealed class FilterCommandsTests : IDisposable
{
    private readonly PowerShellSession session = new();

    public FilterCommandsTests() => session.Invoke("New-IpSecFilterList -Name Lab").Ok();

    [Fact]
    public void A_filter_with_nothing_given_is_me_to_any_all_protocols_mirrored()
    {
        var filter = session.Invoke("New-IpSecFilter -FilterList Lab").Ok().Single<Filter>();

        Assert.Equal("Lab", filter.FilterList);
        Assert.Equal(FilterAddress.Me, filter.SourceAddress);
        Assert.Equal(FilterAddress.Any, filter.DestinationAddress);
        Assert.Equal(FilterProtocol.Any, filter.Protocol);
        Assert.Equal(0, filter.SourcePort);
        Assert.Equal(0, filter.DestinationPort);
        Assert.True(filter.Mirrored);
    }

    [Theory]
    [InlineData("Me", "Any", "Me", "Any")]
    [InlineData("Any", "Me", "Any", "Me")]
    [InlineData("10.1.2.3", "10.1.2.4", "10.1.2.3", "10.1.2.4")]
    [InlineData("Me", "10.0.0.0/8", "Me", "10.0.0.0/8")]
    [InlineData("Me", "10.0.0.5-10.0.0.9", "Me", "10.0.0.5-10.0.0.9")]
    [InlineData("Me", "2001:db8::1", "Me", "2001:db8::1")]
    [InlineData("2001:db8:1::/48", "2001:db8:2::/48", "2001:db8:1::/48", "2001:db8:2::/48")]
    [InlineData("Me", "sql01.example.com", "Me", "sql01.example.com")]
    [InlineData("Dns", "Me", "Dns", "Me")]
    [InlineData("Me", "Wins", "Me", "Wins")]
    [InlineData("Dhcp", "Me", "Dhcp", "Me")]
    [InlineData("Me", "Gateway", "Me", "Gateway")]
    public void Takes_every_address_form(string source, string destination, string expectedSource, string expectedDestination)
    {
        var filter = session.Invoke($"New-IpSecFilter -FilterList Lab -SourceAddress '{source}' -DestinationAddress '{destination}'").Ok().Single<Filter>();

        Assert.Equal(expectedSource, filter.SourceAddress.ToString());
        Assert.Equal(expectedDestination, filter.DestinationAddress.ToString());
    }

    [Fact]
    public void Takes_an_address_with_a_mask_like_netsh_srcmask()
    {
        var filter = session.Invoke("New-IpSecFilter -FilterList Lab -SourceAddress 192.168.0.0 -SourceMask 255.255.0.0 -DestinationAddress 10.0.0.0 -DestinationMask 8").Ok().Single<Filter>();

        Assert.Equal("192.168.0.0/16", filter.SourceAddress.ToString());
        Assert.Equal("10.0.0.0/8", filter.DestinationAddress.ToString());
    }

    [Theory]
    [InlineData("-SourceAddress Dns", "Dns", "Me")]
    [InlineData("-SourceAddress Gateway", "Gateway", "Me")]
    [InlineData("-DestinationAddress Wins", "Me", "Wins")]
    [InlineData("-DestinationAddress Dhcp", "Me", "Dhcp")]
    public void The_omitted_side_of_a_server_token_is_me(string given, string expectedSource, string expectedDestination)
    {
        var filter = session.Invoke($"New-IpSecFilter -FilterList Lab {given}").Ok().Single<Filter>();

        Assert.Equal(expectedSource, filter.SourceAddress.ToString());
        Assert.Equal(expectedDestination, filter.DestinationAddress.ToString());
    }

    [Theory]
    [InlineData("-SourceAddress Dns -DestinationAddress Any")]
    [InlineData("-SourceAddress 10.0.0.1 -DestinationAddress Gateway")]
    public void A_server_token_with_another_side_than_me_is_refused(string given)
    {
        var error = session.SingleError($"New-IpSecFilter -FilterList Lab {given}");

        Assert.Equal("ServerTokenRequiresMe", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Theory]
    [InlineData("not an address!", "InvalidAddress")]
    [InlineData("10.0.0.300", "InvalidAddress")]
    [InlineData("10.1.1.1/8", "InvalidAddress")]
    [InlineData("10.0.0.0/40", "InvalidMask")]
    public void A_bad_address_is_refused(string address, string errorId)
    {
        var error = session.SingleError($"New-IpSecFilter -FilterList Lab -DestinationAddress '{address}'");

        Assert.Equal(errorId, ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_mask_without_its_address_is_refused()
    {
        Assert.Equal("InvalidMask", ModelErrors.Id(session.SingleError("New-IpSecFilter -FilterList Lab -SourceMask 255.0.0.0")));
    }

    [Fact]
    public void Mixed_address_families_are_refused()
    {
        var error = session.SingleError("New-IpSecFilter -FilterList Lab -SourceAddress 10.0.0.1 -DestinationAddress 2001:db8::1");

        Assert.Equal("MixedAddressFamilies", ModelErrors.Id(error));
    }

    [Theory]
    [InlineData("Any", "Any")]
    [InlineData("icmp", "ICMP")]
    [InlineData("TCP", "TCP")]
    [InlineData("udp", "UDP")]
    [InlineData("Raw", "Raw")]
    [InlineData("47", "47")]
    [InlineData("6", "TCP")]
    [InlineData("0", "Any")]
    public void Takes_every_protocol_form(string protocol, string expected)
    {
        var filter = session.Invoke($"New-IpSecFilter -FilterList Lab -Protocol {protocol}").Ok().Single<Filter>();

        Assert.Equal(expected, filter.Protocol.ToString());
    }

    [Theory]
    [InlineData("256")]
    [InlineData("GRE")]
    [InlineData("-1")]
    public void A_bad_protocol_is_refused(string protocol)
    {
        var error = session.SingleError($"New-IpSecFilter -FilterList Lab -Protocol '{protocol}'");

        Assert.Equal("InvalidProtocol", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Ports_with_tcp_are_kept()
    {
        var filter = session.Invoke("New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.5 -Protocol TCP -SourcePort 0 -DestinationPort 1433").Ok().Single<Filter>();

        Assert.Equal(1433, filter.DestinationPort);
    }

    [Theory]
    [InlineData("-Protocol ICMP -DestinationPort 80")]
    [InlineData("-SourcePort 1024")]
    [InlineData("-Protocol 50 -DestinationPort 500")]
    public void Ports_without_tcp_or_udp_are_refused(string given)
    {
        var error = session.SingleError($"New-IpSecFilter -FilterList Lab {given}");

        Assert.Equal("PortsRequireTcpOrUdp", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_port_out_of_range_is_a_binding_error()
    {
        var error = session.SingleError("New-IpSecFilter -FilterList Lab -Protocol TCP -DestinationPort 70000");

        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void A_duplicate_filter_is_refused()
    {
        session.Invoke("New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.5 -Protocol TCP -DestinationPort 80").Ok();

        var error = session.SingleError("New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.5 -Protocol tcp -DestinationPort 80 -Description 'same selector'");

        Assert.Equal("DuplicateFilter", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_missing_list_is_not_found()
    {
        var error = session.SingleError("New-IpSecFilter -FilterList Nope");

        Assert.Equal("FilterListNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_one_way_filter_in_a_list_a_negotiate_rule_uses_is_refused_by_the_store()
    {
        var error = session.SingleError("New-IpSecFilter -FilterList 'All IP Traffic' -DestinationAddress 10.0.0.9 -Mirrored $false");

        Assert.Equal("NegotiateRequiresMirroredFilters", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Single(session.Invoke("Get-IpSecFilter -FilterList 'All IP Traffic'").Ok().Output);
    }

    [Fact]
    public void A_one_way_filter_in_a_list_only_permit_rules_use_is_accepted()
    {
        var filter = session.Invoke("New-IpSecFilter -FilterList 'All ICMP Traffic' -DestinationAddress 10.0.0.9 -Protocol ICMP -Mirrored $false").Ok().Single<Filter>();

        Assert.False(filter.Mirrored);
    }

    [Fact]
    public void WhatIf_adds_nothing()
    {
        session.Invoke("New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.5 -WhatIf").Ok();

        Assert.Empty(session.Invoke("Get-IpSecFilter -FilterList Lab").Ok().Output);
    }

    [Fact]
    public void New_takes_filters_by_property_name_as_from_a_csv()
    {
        session.Invoke(
            "@([pscustomobject]@{ FilterList = 'Lab'; DestinationAddress = '10.0.0.5'; Protocol = 'TCP'; DestinationPort = 1433; Description = 'SQL' }," +
            "  [pscustomobject]@{ FilterList = 'Lab'; DestinationAddress = '10.0.0.0'; DestinationMask = '255.255.255.0'; Protocol = 'ICMP' }) | New-IpSecFilter").Ok();

        var filters = session.Invoke("Get-IpSecFilter -FilterList Lab").Ok().All<Filter>();
        Assert.Equal(new[] { "Me <-> 10.0.0.5 TCP 0<->1433", "Me <-> 10.0.0.0/24 ICMP" }, filters.Select(f => f.ToString()));
        Assert.Equal("SQL", filters[0].Description);
    }

    [Fact]
    public void Filters_piped_from_one_list_are_copied_into_another()
    {
        session.Invoke("Get-IpSecFilter -FilterList 'All*' | New-IpSecFilter -FilterList Lab").Ok();

        var copied = session.Invoke("Get-IpSecFilter -FilterList Lab").Ok().All<Filter>();
        Assert.Equal(new[] { "Me <-> Any Any", "Me <-> Any ICMP" }, copied.Select(f => f.ToString()));
    }

    [Fact]
    public void Get_lists_the_filters_of_every_list_by_default_with_their_list_name()
    {
        var filters = session.Invoke("Get-IpSecFilter").Ok().All<Filter>();

        Assert.Equal(new[] { PredefinedObjects.AllIpTraffic, PredefinedObjects.AllIcmpTraffic }, filters.Select(f => f.FilterList));
    }

    [Fact]
    public void Get_takes_list_names_with_wildcards_and_reports_missing_plain_names()
    {
        var result = session.Invoke("Get-IpSecFilter -FilterList 'All I*', Nope");

        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("FilterListNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Get_takes_filter_list_objects_from_the_pipeline()
    {
        var filters = session.Invoke("Get-IpSecFilterList -Name 'All ICMP Traffic' | Get-IpSecFilter").Ok().All<Filter>();

        Assert.Equal(FilterProtocol.Icmp, Assert.Single(filters).Protocol);
    }

    [Fact]
    public void Get_takes_list_names_from_the_pipeline()
    {
        var filters = session.Invoke("'All ICMP Traffic', 'Lab' | Get-IpSecFilter").Ok().All<Filter>();

        Assert.Equal(FilterProtocol.Icmp, Assert.Single(filters).Protocol);
    }

    [Fact]
    public void Get_takes_the_filter_list_of_a_rule_by_property_name()
    {
        var filters = session.Invoke(
            "[IpSecPolicy.Model.Objects.Rule]@{ Name = 'Pings'; FilterList = 'All ICMP Traffic'; FilterAction = 'Permit' } | Get-IpSecFilter").Ok().All<Filter>();

        Assert.Equal(PredefinedObjects.AllIcmpTraffic, Assert.Single(filters).FilterList);
    }

    [Fact]
    public void Remove_takes_filters_from_Get_IpSecFilter()
    {
        session.Invoke("New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.5; New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.6").Ok();

        var removed = session.Invoke("Get-IpSecFilter -FilterList Lab | Remove-IpSecFilter -PassThru").Ok().All<Filter>();

        Assert.Equal(2, removed.Count);
        Assert.All(removed, f => Assert.Equal("Lab", f.FilterList));
        Assert.Empty(session.Invoke("Get-IpSecFilter -FilterList Lab").Ok().Output);
    }

    [Fact]
    public void Remove_takes_an_array_of_filters()
    {
        session.Invoke("New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.5; New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.6").Ok();

        session.Invoke("Remove-IpSecFilter -InputObject @(Get-IpSecFilter -FilterList Lab, 'All ICMP Traffic')").Ok();

        Assert.Empty(session.Invoke("Get-IpSecFilter -FilterList Lab, 'All ICMP Traffic'").Ok().Output);
        Assert.Single(session.Invoke("Get-IpSecFilter -FilterList 'All IP Traffic'").Ok().Output);
    }

    [Fact]
    public void Remove_by_input_object_refuses_a_filter_that_is_gone()
    {
        session.Invoke("New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.5").Ok();

        var error = session.SingleError("$f = Get-IpSecFilter -FilterList Lab; Remove-IpSecFilter -InputObject $f; Remove-IpSecFilter -InputObject $f");

        Assert.Equal("FilterNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Remove_by_source_and_destination_removes_every_match_as_netsh_does()
    {
        session.Invoke(
            "New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.80 -Protocol TCP -DestinationPort 80;" +
            "New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.80 -Protocol TCP -DestinationPort 443;" +
            "New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.81").Ok();

        var removed = session.Invoke("Remove-IpSecFilter -FilterList Lab -SourceAddress Me -DestinationAddress 10.0.0.80 -PassThru").Ok().All<Filter>();

        Assert.Equal(2, removed.Count);
        Assert.Equal("10.0.0.81", session.Invoke("Get-IpSecFilter -FilterList Lab").Ok().Single<Filter>().DestinationAddress.ToString());
    }

    [Fact]
    public void Remove_narrows_by_protocol_ports_and_mirrored_when_given()
    {
        session.Invoke(
            "New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.80 -Protocol TCP -DestinationPort 80;" +
            "New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.80 -Protocol TCP -DestinationPort 443").Ok();

        session.Invoke("Remove-IpSecFilter -FilterList Lab -SourceAddress Me -DestinationAddress 10.0.0.80 -Protocol TCP -DestinationPort 443 -Mirrored $true").Ok();

        Assert.Equal(80, session.Invoke("Get-IpSecFilter -FilterList Lab").Ok().Single<Filter>().DestinationPort);
    }

    [Fact]
    public void Remove_by_selector_takes_a_mask()
    {
        session.Invoke("New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.0/8").Ok();

        session.Invoke("Remove-IpSecFilter -FilterList Lab -SourceAddress Me -DestinationAddress 10.0.0.0 -DestinationMask 255.0.0.0").Ok();

        Assert.Empty(session.Invoke("Get-IpSecFilter -FilterList Lab").Ok().Output);
    }

    [Fact]
    public void Remove_of_a_selector_that_matches_nothing_is_not_found()
    {
        var error = session.SingleError("Remove-IpSecFilter -FilterList 'All IP Traffic' -SourceAddress Me -DestinationAddress Any -Protocol UDP");

        Assert.Equal("FilterNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Remove_with_WhatIf_changes_nothing()
    {
        session.Invoke("Get-IpSecFilter | Remove-IpSecFilter -WhatIf").Ok();
        session.Invoke("Remove-IpSecFilter -FilterList 'All IP Traffic' -SourceAddress Me -DestinationAddress Any -WhatIf").Ok();

        Assert.Equal(2, session.Invoke("Get-IpSecFilter").Ok().Output.Count);
    }

    [Fact]
    public void Filters_print_as_a_table_grouped_by_list()
    {
        session.Invoke("New-IpSecFilter -FilterList Lab -DestinationAddress 10.0.0.5 -Protocol TCP -DestinationPort 1433 -Description 'SQL'").Ok();

        var text = session.Render("Get-IpSecFilter");

        Assert.Contains("Filter List: All IP Traffic", text);
        Assert.Contains("Filter List: Lab", text);
        Assert.Contains("Src Port", text);
        Assert.Matches(@"Me\s+10\.0\.0\.5\s+TCP\s+Any\s+1433 Yes\s+SQL", text);
    }

    [Fact]
    public void Protocol_names_complete_with_tab()
    {
        Assert.Equal(new[] { "UDP" }, TabCompletion.At(session, "New-IpSecFilter -Protocol u"));
        Assert.Equal(new[] { "Any", "ICMP", "TCP", "UDP", "Raw" }, TabCompletion.At(session, "Remove-IpSecFilter -Protocol "));
    }

    public void Dispose() => session.Dispose();
}
