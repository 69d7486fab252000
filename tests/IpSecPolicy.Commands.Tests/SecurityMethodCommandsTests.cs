using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Tests;

public sealed class SecurityMethodCommandsTests : IDisposable
{
    private readonly PowerShellSession session = new();

    [Fact]
    public void Makes_an_esp_method_with_windows_lifetimes()
    {
        var method = session.Invoke("New-IpSecSecurityMethod -Protocol Esp -Encryption AES256 -Integrity SHA256").Ok().Single<SecurityMethod>();

        Assert.Equal(SecurityProtocol.Esp, method.Protocol);
        Assert.Equal(100000, method.LifetimeKilobytes);
        Assert.Equal(3600, method.LifetimeSeconds);
        Assert.Equal("ESP[AES256,SHA256]:100000k/3600s", method.ToString());
    }

    [Theory]
    [InlineData("3DES", EncryptionAlgorithm.TripleDES)]
    [InlineData("3des", EncryptionAlgorithm.TripleDES)]
    [InlineData("TripleDES", EncryptionAlgorithm.TripleDES)]
    [InlineData("DES", EncryptionAlgorithm.DES)]
    [InlineData("AES192", EncryptionAlgorithm.AES192)]
    public void Encryption_takes_the_netsh_spelling(string given, EncryptionAlgorithm expected)
    {
        var method = session.Invoke($"New-IpSecSecurityMethod -Encryption {given} -Integrity SHA1").Ok().Single<SecurityMethod>();

        Assert.Equal(expected, method.Encryption);
    }

    [Fact]
    public void Integrity_takes_a_dashed_spelling()
    {
        Assert.Equal(IntegrityAlgorithm.SHA256, session.Invoke("New-IpSecSecurityMethod -Encryption AES128 -Integrity 'SHA-256'").Ok().Single<SecurityMethod>().Integrity);
    }

    [Fact]
    public void An_unknown_cipher_is_a_binding_error()
    {
        var error = session.SingleError("New-IpSecSecurityMethod -Encryption ROT13 -Integrity SHA1");

        Assert.StartsWith("ParameterArgumentTransformationError", error.FullyQualifiedErrorId);
        Assert.Contains("3DES", error.Exception.Message);
    }

    [Fact]
    public void Makes_ah_and_ah_plus_esp_methods()
    {
        var ah = session.Invoke("New-IpSecSecurityMethod -Protocol Ah -Integrity SHA1").Ok().Single<SecurityMethod>();
        var both = session.Invoke("New-IpSecSecurityMethod -Protocol AhAndEsp -AhIntegrity SHA256 -Encryption 3DES -Integrity None -LifetimeKilobytes 50000 -LifetimeSeconds 900").Ok().Single<SecurityMethod>();

        Assert.Equal("AH[SHA1]:100000k/3600s", ah.ToString());
        Assert.Equal("AH[SHA256]+ESP[3DES,None]:50000k/900s", both.ToString());
    }

    [Theory]
    [InlineData("-Protocol Esp -AhIntegrity SHA1 -Encryption AES128")]
    [InlineData("-Protocol Ah -Encryption AES128 -Integrity SHA1")]
    [InlineData("-Protocol Esp")]
    [InlineData("-Protocol AhAndEsp -Encryption AES128")]
    [InlineData("-Encryption AESGCM128 -Integrity SHA256")]
    public void Refuses_methods_that_cannot_work(string given)
    {
        var error = session.SingleError($"New-IpSecSecurityMethod {given}");

        Assert.Equal("InvalidSecurityMethod", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_lifetime_out_of_range_is_a_binding_error()
    {
        var error = session.SingleError("New-IpSecSecurityMethod -Encryption AES128 -Integrity SHA1 -LifetimeSeconds 60");

        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void Takes_the_netsh_text_positionally_as_an_array()
    {
        var methods = session.Invoke("New-IpSecSecurityMethod 'ESP[AES256,SHA256]:100000k/3600s', 'AH[SHA1]+ESP[3DES,SHA1]'").Ok().All<SecurityMethod>();

        Assert.Equal(new[] { "ESP[AES256,SHA256]:100000k/3600s", "AH[SHA1]+ESP[3DES,SHA1]:100000k/3600s" }, methods.Select(m => m.ToString()));
    }

    [Fact]
    public void Takes_the_netsh_text_from_the_pipeline_and_lifetimes_given_win()
    {
        var methods = session.Invoke("'ESP[AES128,SHA1]:20480k/300s', 'ESP[3DES,SHA1]' | New-IpSecSecurityMethod -LifetimeSeconds 28800").Ok().All<SecurityMethod>();

        Assert.Equal(new[] { "ESP[AES128,SHA1]:20480k/28800s", "ESP[3DES,SHA1]:100000k/28800s" }, methods.Select(m => m.ToString()));
    }

    [Fact]
    public void A_bad_text_is_refused_and_the_rest_goes_on()
    {
        var result = session.Invoke("New-IpSecSecurityMethod 'ESP[AES256,SHA256]', 'ESP[AES256,WHIRLPOOL]', 'AH[MD5]'");

        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidSecurityMethod", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_bad_lifetime_in_the_text_is_invalid_lifetime()
    {
        Assert.Equal("InvalidLifetime", ModelErrors.Id(session.SingleError("New-IpSecSecurityMethod 'ESP[AES256,SHA256]:1000k/3600s'")));
    }

    [Fact]
    public void Methods_take_their_properties_from_the_pipeline()
    {
        var method = session.Invoke("[pscustomobject]@{ Protocol = 'Esp'; Encryption = '3DES'; Integrity = 'MD5'; LifetimeSeconds = 600 } | New-IpSecSecurityMethod").Ok().Single<SecurityMethod>();

        Assert.Equal("ESP[3DES,MD5]:100000k/600s", method.ToString());
    }

    [Fact]
    public void The_encryption_completes_with_the_netsh_spelling()
    {
        Assert.Equal(new[] { "3DES" }, TabCompletion.At(session, "New-IpSecSecurityMethod -Encryption 3"));
        Assert.Contains("3DES", TabCompletion.At(session, "New-IpSecSecurityMethod -Encryption "));
        Assert.DoesNotContain("TripleDES", TabCompletion.At(session, "New-IpSecSecurityMethod -Encryption "));
    }

    [Fact]
    public void Methods_print_as_a_table()
    {
        var text = session.Render("New-IpSecSecurityMethod 'AH[SHA1]+ESP[3DES,None]:50000k/900s', 'ESP[AESGCM256,None]'");

        Assert.Contains("AH Integrity", text);
        Assert.Matches(@"AhAndEsp 3DES\s+None\s+SHA1\s+50000\s+900 AH\[SHA1\]\+ESP\[3DES,None\]:50000k/900s", text);
        Assert.Matches(@"Esp\s+AESGCM256\s+None\s+-\s+100000\s+3600", text);
    }

    public void Dispose() => session.Dispose();
}
