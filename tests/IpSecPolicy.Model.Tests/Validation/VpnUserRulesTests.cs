using System;
using System.Net;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Validation;

/// <summary>What a VPN user's name, password and static address may be.</summary>
public sealed class VpnUserRulesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("Alice Smith")]
    [InlineData("alice@corp.example")]
    [InlineData("Jürgen")]
    public void Account_names_are_accepted(string name)
    {
        Assert.Equal(name, VpnUserRules.CheckName(name));
    }

    [Fact]
    public void A_domain_prefix_is_refused_because_the_gateway_looks_up_the_bare_name()
    {
        var error = Assert.Throws<PolicyException>(() => VpnUserRules.CheckName(@"CORP\alice"));

        Assert.Equal(ErrorIds.InvalidName, error.ErrorId);
        Assert.Contains("'alice'", error.Message);
    }

    [Fact]
    public void A_name_is_trimmed()
    {
        Assert.Equal("alice", VpnUserRules.CheckName("  alice "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("ali\nce")]
    [InlineData("ali\tce")]
    [InlineData("ali\u0000ce")]
    [InlineData("ali\u007Fce")]
    [InlineData("ali\u0085ce")]
    [InlineData("ali\u2028ce")]
    [InlineData("ali*")]
    [InlineData("al?ce")]
    [InlineData("[alice]")]
    public void Bad_names_are_InvalidName(string? name)
    {
        var error = Assert.Throws<PolicyException>(() => VpnUserRules.CheckName(name));

        Assert.Equal((ErrorIds.InvalidName, PolicyErrorCategory.InvalidArgument), (error.ErrorId, error.Category));
    }

    [Fact]
    public void Unpaired_surrogates_are_refused_in_names_and_passwords()
    {
        // Built at run time: an attribute argument cannot carry an unpaired surrogate.
        var lone = "hunter" + (char)0xD800 + "2";

        Assert.Equal(ErrorIds.InvalidName, Assert.Throws<PolicyException>(() => VpnUserRules.CheckName(lone)).ErrorId);
        var error = Assert.Throws<PolicyException>(() => VpnUserRules.CheckPassword(new Secret(lone), "alice"));
        Assert.Equal(ErrorIds.InvalidPassword, error.ErrorId);
        Assert.DoesNotContain("hunter", error.Message);
    }

    [Fact]
    public void A_name_may_have_255_bytes_in_utf8_which_is_what_pap_carries()
    {
        Assert.Equal(255, VpnUserRules.CheckName(new string('a', 255)).Length);
        Assert.Throws<PolicyException>(() => VpnUserRules.CheckName(new string('a', 256)));
        // 128 two-byte characters are 256 bytes: too long, though only 128 characters.
        var error = Assert.Throws<PolicyException>(() => VpnUserRules.CheckName(new string('ü', 128)));
        Assert.Contains("255 bytes", error.Message);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData(" leading and trailing spaces count ")]
    [InlineData("Pässwörd€")]
    [InlineData("x")]
    public void Passwords_are_accepted(string password)
    {
        VpnUserRules.CheckPassword(new Secret(password), "alice");
    }

    [Theory]
    [InlineData("")]
    [InlineData("hunter2\n")]
    [InlineData("hun\ter2")]
    [InlineData("hunter2\u0000")]
    public void Bad_passwords_are_InvalidPassword_and_never_quoted(string password)
    {
        var error = Assert.Throws<PolicyException>(() => VpnUserRules.CheckPassword(new Secret(password), "alice"));

        Assert.Equal((ErrorIds.InvalidPassword, PolicyErrorCategory.InvalidArgument), (error.ErrorId, error.Category));
        Assert.Equal("alice", error.Target);
        Assert.Contains("'alice'", error.Message);
        Assert.DoesNotContain("hun", error.Message);
    }

    [Fact]
    public void A_password_longer_than_pap_carries_is_refused()
    {
        VpnUserRules.CheckPassword(new Secret(new string('p', 255)), "alice");

        var error = Assert.Throws<PolicyException>(() => VpnUserRules.CheckPassword(new Secret(new string('p', 256)), "alice"));

        Assert.Equal(ErrorIds.InvalidPassword, error.ErrorId);
        Assert.DoesNotContain("pppp", error.Message);
    }

    [Fact]
    public void A_password_kept_in_the_store_is_no_password_to_write()
    {
        var error = Assert.Throws<PolicyException>(() => VpnUserRules.CheckPassword(Secret.Stored, "alice"));

        Assert.Equal(ErrorIds.InvalidPassword, error.ErrorId);
    }

    [Theory]
    [InlineData("192.168.50.20")]
    [InlineData("10.0.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("198.51.100.7")]
    [InlineData("223.255.255.254")]
    public void Unicast_ipv4_static_addresses_are_accepted(string text)
    {
        Assert.Equal(IPAddress.Parse(text), VpnUserRules.ParseStaticAddress(text));
    }

    [Theory]
    [InlineData("0.0.0.0", "this network")]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("169.254.10.1", "link-local")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.255", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("2001:db8::1", "IPv4")]
    [InlineData("::ffff:192.0.2.1", "IPv4")]
    public void Addresses_ipcp_cannot_give_a_client_are_InvalidAddress(string text, string reason)
    {
        var error = Assert.Throws<PolicyException>(() => VpnUserRules.ParseStaticAddress(text));

        Assert.Equal((ErrorIds.InvalidAddress, PolicyErrorCategory.InvalidArgument), (error.ErrorId, error.Category));
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("192.168.50")]
    [InlineData("192.168.50.256")]
    [InlineData("vpn.example.com")]
    [InlineData("192.168.50.0/24")]
    [InlineData("")]
    public void What_is_not_an_address_is_InvalidAddress(string text)
    {
        var error = Assert.Throws<PolicyException>(() => VpnUserRules.ParseStaticAddress(text));

        Assert.Equal(ErrorIds.InvalidAddress, error.ErrorId);
    }
}
