using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Values;

public class FilterAddressTests
{
    [Theory]
    [InlineData("Me", null, FilterAddressKind.Me, "Me")]
    [InlineData("my ip address", null, FilterAddressKind.Me, "Me")]
    [InlineData("ANY", null, FilterAddressKind.Any, "Any")]
    [InlineData("10.1.2.3", null, FilterAddressKind.Address, "10.1.2.3")]
    [InlineData("10.0.0.0/8", null, FilterAddressKind.Subnet, "10.0.0.0/8")]
    [InlineData("10.0.0.0", "255.0.0.0", FilterAddressKind.Subnet, "10.0.0.0/8")]
    [InlineData("10.0.0.0", "/8", FilterAddressKind.Subnet, "10.0.0.0/8")]
    [InlineData("10.0.0.0", "8", FilterAddressKind.Subnet, "10.0.0.0/8")]
    [InlineData("10.0.0.7", "255.255.255.255", FilterAddressKind.Address, "10.0.0.7")]
    [InlineData("0.0.0.0/0", null, FilterAddressKind.Any, "Any")]
    [InlineData("10.0.0.5-10.0.0.9", null, FilterAddressKind.Range, "10.0.0.5-10.0.0.9")]
    [InlineData("10.0.0.5 - 10.0.0.5", null, FilterAddressKind.Address, "10.0.0.5")]
    [InlineData("2001:db8::1", null, FilterAddressKind.Address, "2001:db8::1")]
    [InlineData("2001:db8::/32", null, FilterAddressKind.Subnet, "2001:db8::/32")]
    [InlineData("2001:db8::", "48", FilterAddressKind.Subnet, "2001:db8::/48")]
    [InlineData("2001:db8::1-2001:db8::ff", null, FilterAddressKind.Range, "2001:db8::1-2001:db8::ff")]
    [InlineData("Partner.Example.com.", null, FilterAddressKind.DnsName, "partner.example.com")]
    [InlineData("sqlserver", null, FilterAddressKind.DnsName, "sqlserver")]
    [InlineData("dns", null, FilterAddressKind.Dns, "Dns")]
    [InlineData("WINS", null, FilterAddressKind.Wins, "Wins")]
    [InlineData("Dhcp", null, FilterAddressKind.Dhcp, "Dhcp")]
    [InlineData("gateway", null, FilterAddressKind.Gateway, "Gateway")]
    public void Parses_every_form(string text, string? mask, FilterAddressKind kind, string canonical)
    {
        var address = FilterAddress.Parse(text, mask);

        Assert.Equal(kind, address.Kind);
        Assert.Equal(canonical, address.ToString());
        Assert.Equal(address, FilterAddress.Parse(canonical));
    }

    [Theory]
    [InlineData("", null, ErrorIds.InvalidAddress)]
    [InlineData("10.0.0.256", null, ErrorIds.InvalidAddress)]
    [InlineData("10.1.1.1/8", null, ErrorIds.InvalidAddress)]
    [InlineData("10.0.0.0/33", null, ErrorIds.InvalidMask)]
    [InlineData("10.0.0.0", "255.0.255.0", ErrorIds.InvalidMask)]
    [InlineData("10.0.0.0/8", "8", ErrorIds.InvalidMask)]
    [InlineData("Me", "255.0.0.0", ErrorIds.InvalidMask)]
    [InlineData("10.0.0.9-10.0.0.5", null, ErrorIds.InvalidAddress)]
    [InlineData("10.0.0.1-2001:db8::1", null, ErrorIds.InvalidAddress)]
    [InlineData("not a host!", null, ErrorIds.InvalidAddress)]
    [InlineData("2001:db8::", "255.255.0.0", ErrorIds.InvalidMask)]
    public void Refuses_what_is_not_an_address(string text, string? mask, string errorId)
    {
        var error = Assert.Throws<PolicyException>(() => FilterAddress.Parse(text, mask));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, error.Category);
    }
}
