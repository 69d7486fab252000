using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Tests;

public sealed class MainModeMethodCommandsTests : IDisposable
{
    private readonly PowerShellSession session = new();

    [Theory]
    [InlineData("14")]
    [InlineData("'14'")]
    [InlineData("DH14")]
    [InlineData("Group14")]
    [InlineData("group14")]
    public void The_dh_group_takes_every_spelling(string group)
    {
        var method = session.Invoke($"New-IpSecMainModeMethod -Encryption AES256 -Hash SHA256 -DHGroup {group}").Ok().Single<MainModeMethod>();

        Assert.Equal(DHGroup.Group14, method.DHGroup);
        Assert.Equal("AES256-SHA256-14", method.ToString());
    }

    [Theory]
    [InlineData("3")]
    [InlineData("DH24")]
    [InlineData("MODP2048")]
    public void An_unsupported_dh_group_is_a_binding_error(string group)
    {
        var error = session.SingleError($"New-IpSecMainModeMethod -Encryption AES256 -Hash SHA256 -DHGroup {group}");

        Assert.StartsWith("ParameterArgumentTransformationError", error.FullyQualifiedErrorId);
        Assert.Contains("1, 2, 5, 14, 15, 16, 19, 20, 21 or 31", error.Exception.Message);
    }

    [Fact]
    public void Encryption_takes_3DES()
    {
        Assert.Equal("3DES-SHA1-2", session.Invoke("New-IpSecMainModeMethod -Encryption 3DES -Hash SHA1 -DHGroup 2").Ok().Single<MainModeMethod>().ToString());
    }

    [Theory]
    [InlineData("-Encryption None -Hash SHA1 -DHGroup 14")]
    [InlineData("-Encryption AESGCM256 -Hash SHA256 -DHGroup 19")]
    [InlineData("-Encryption AES128 -Hash None -DHGroup 14")]
    public void Refuses_what_main_mode_cannot_use(string given)
    {
        var error = session.SingleError($"New-IpSecMainModeMethod {given}");

        Assert.Equal("InvalidMainModeMethod", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Takes_the_netsh_text_positionally_and_from_the_pipeline()
    {
        var positional = session.Invoke("New-IpSecMainModeMethod 'AES256-SHA256-14', '3DES-SHA1-2'").Ok().All<MainModeMethod>();
        var piped = session.Invoke("'AES128-SHA1-DH19' | New-IpSecMainModeMethod").Ok().Single<MainModeMethod>();

        Assert.Equal(new[] { "AES256-SHA256-14", "3DES-SHA1-2" }, positional.Select(m => m.ToString()));
        Assert.Equal("AES128-SHA1-19", piped.ToString());
    }

    [Fact]
    public void A_bad_text_is_refused()
    {
        var error = session.SingleError("New-IpSecMainModeMethod 'AES256-SHA256'");

        Assert.Equal("InvalidMainModeMethod", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Methods_take_their_properties_from_the_pipeline()
    {
        var method = session.Invoke("[pscustomobject]@{ Encryption = 'AES128'; Hash = 'SHA1'; DHGroup = 'Group19' } | New-IpSecMainModeMethod").Ok().Single<MainModeMethod>();

        Assert.Equal("AES128-SHA1-19", method.ToString());
    }

    [Fact]
    public void The_objects_feed_New_IpSecPolicy()
    {
        var policy = session.Invoke(
            "New-IpSecPolicy -Name Partner -MainModeSecurityMethod (New-IpSecMainModeMethod -Encryption AES256 -Hash SHA384 -DHGroup 20), '3DES-SHA1-2'").Ok().Single<Policy>();

        Assert.Equal(new[] { "AES256-SHA384-20", "3DES-SHA1-2" }, policy.MainModeSecurityMethods.Select(m => m.ToString()));
    }

    [Fact]
    public void Algorithms_and_groups_complete_with_tab()
    {
        Assert.Equal(new[] { "3DES" }, TabCompletion.At(session, "New-IpSecMainModeMethod -Encryption 3"));
        Assert.DoesNotContain("AESGCM256", TabCompletion.At(session, "New-IpSecMainModeMethod -Encryption "));
        Assert.Equal(new[] { "1", "14", "15", "16", "19" }, TabCompletion.At(session, "New-IpSecMainModeMethod -DHGroup 1"));
    }

    [Fact]
    public void Methods_print_as_a_table()
    {
        var text = session.Render("New-IpSecMainModeMethod 'AES256-SHA256-14', '3DES-SHA1-2'");

        Assert.Contains("DH Group", text);
        Assert.Matches(@"AES256\s+SHA256\s+14 No\s+AES256-SHA256-14", text);
        Assert.Matches(@"3DES\s+SHA1\s+2 Yes\s+3DES-SHA1-2", text);
    }

    public void Dispose() => session.Dispose();
}
