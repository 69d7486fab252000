using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Tests;

public sealed class AuthMethodCommandsTests : System.IDisposable
{
    private const string Key = "Tr0ub4dor&3-partner-key";
    private readonly PowerShellSession session = new();

    public AuthMethodCommandsTests() => session.DefineSecureString("psk", Key);

    [Fact]
    public void A_pre_shared_key_method_holds_the_key_but_shows_only_its_mask()
    {
        var method = session.Invoke("New-IpSecAuthMethod -PreSharedKey $psk").Ok().Single<AuthMethod>();

        Assert.Equal(AuthMethodKind.PreSharedKey, method.Kind);
        Assert.True(method.PreSharedKey!.HasValue);
        Assert.Equal("********", method.PreSharedKey.ToString());
        Assert.Equal("PreSharedKey", method.ToString());
        var text = session.Render("New-IpSecAuthMethod -PreSharedKey $psk");
        Assert.Contains("********", text);
        Assert.DoesNotContain(Key, text);
    }

    [Fact]
    public void The_key_is_not_reachable_from_script()
    {
        var shown = session.Invoke("$m = New-IpSecAuthMethod -PreSharedKey $psk; \"$m\"; \"$($m.PreSharedKey)\"; $m.PreSharedKey.psobject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }").Ok();

        Assert.All(shown.Output, o => Assert.DoesNotContain(Key, o.ToString()));
        Assert.Equal("********", shown.Output[1].ToString());
    }

    [Fact]
    public void An_empty_key_is_refused()
    {
        session.Invoke("$empty = [System.Security.SecureString]::new()").Ok();

        var error = session.SingleError("New-IpSecAuthMethod -PreSharedKey $empty");

        Assert.StartsWith("EmptyPreSharedKey,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Certificate_methods_one_per_authority_in_order_with_their_options()
    {
        var methods = session.Invoke("New-IpSecAuthMethod -CertificateAuthority 'CN=Contoso Root CA','CN=Fabrikam Root' -CertificateMapping -ExcludeCAName")
            .Ok().All<AuthMethod>();

        Assert.Equal(new[] { "CN=Contoso Root CA", "CN=Fabrikam Root" }, methods.Select(m => m.CertificateAuthority));
        Assert.All(methods, m => Assert.True(m.CertificateMapping && m.ExcludeCAName && m.Kind == AuthMethodKind.Certificate));
    }

    [Fact]
    public void Authorities_come_by_value_and_by_property_name()
    {
        var byValue = session.Invoke("'CN=A','CN=B' | New-IpSecAuthMethod").Ok().All<AuthMethod>();
        var byName = session.Invoke("[pscustomobject]@{ CertificateAuthority = 'CN=C'; CertificateMapping = $true } | New-IpSecAuthMethod").Ok().Single<AuthMethod>();

        Assert.Equal(new[] { "CN=A", "CN=B" }, byValue.Select(m => m.CertificateAuthority));
        Assert.False(byValue[0].CertificateMapping);
        Assert.Equal("CN=C", byName.CertificateAuthority);
        Assert.True(byName.CertificateMapping);
    }

    [Fact]
    public void A_blank_authority_is_refused_per_item()
    {
        var result = session.Invoke("New-IpSecAuthMethod -CertificateAuthority 'CN=Good', '  '");

        Assert.Equal("CN=Good", Assert.Single(result.Output).Properties["CertificateAuthority"].Value);
        Assert.StartsWith("InvalidAuthMethod,", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Kerberos_works_but_warns_that_linux_cannot_enforce_it()
    {
        var result = session.Invoke("New-IpSecAuthMethod -Kerberos").Ok();

        Assert.Equal(AuthMethodKind.Kerberos, result.Single<AuthMethod>().Kind);
        Assert.Contains("Kerberos", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Parameter_sets_do_not_mix()
    {
        var error = session.SingleError("New-IpSecAuthMethod -Kerberos -PreSharedKey $psk");

        Assert.StartsWith("AmbiguousParameterSet", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void Methods_print_as_a_table()
    {
        var text = session.Render("New-IpSecAuthMethod -CertificateAuthority 'CN=Contoso Root CA' -CertificateMapping; New-IpSecAuthMethod -PreSharedKey $psk");

        Assert.Contains("Certificate Authority", text);
        Assert.Contains("Pre-Shared Key", text);
        Assert.Contains("CN=Contoso Root CA", text);
        Assert.Contains("********", text);
        Assert.DoesNotContain(Key, text);
    }

    [Fact]
    public void No_get_table_list_verbose_or_error_shows_the_key()
    {
        var setup = session.Invoke(
            "$m = New-IpSecAuthMethod -PreSharedKey $psk; "
            + "New-IpSecPolicy -Name Partner | Out-Null; "
            + "New-IpSecRule -Policy Partner -Name ToPartner -FilterList 'All IP Traffic' -FilterAction 'Require Security' -AuthMethod $m -Verbose; "
            + "Set-IpSecDefaultResponseRule -Policy Partner -AuthMethod $m -PassThru -Verbose").Ok();
        var failures = session.Invoke(
            "New-IpSecRule -Policy Partner -Name ToPartner -FilterList 'All IP Traffic' -FilterAction 'Require Security' -AuthMethod $m -Verbose; "
            + "New-IpSecRule -Policy Ghost -Name X -FilterList 'All IP Traffic' -FilterAction 'Require Security' -AuthMethod $m; "
            + "Set-IpSecRule -Policy Partner -Name ToPartner -FilterList Nowhere -AuthMethod $m -Verbose; "
            + "Get-IpSecRule -Policy Partner -Name Nothing");
        var rendered = string.Join("\n", new[]
        {
            "Get-IpSecRule -Policy Partner",
            "Get-IpSecDefaultResponseRule -Policy Partner",
            "(Get-IpSecRule -Policy Partner).AuthMethods",
            "(Get-IpSecRule -Policy Partner).AuthMethods | ForEach-Object { $_.psobject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" } }",
        }.Select(session.Render));

        Assert.Equal(4, failures.Errors.Count);
        Assert.Contains(setup.Verbose, v => v.Contains("authentication: PreSharedKey"));
        var texts = setup.Output.Concat(failures.Output).Select(o => o.ToString())
            .Concat(setup.Verbose).Concat(failures.Verbose).Concat(setup.Warnings).Concat(failures.Warnings)
            .Concat(failures.Errors.SelectMany(ErrorTexts))
            .Append(rendered)
            .Append(System.IO.File.ReadAllText(System.IO.Path.Combine(session.StorePath, PolicyStore.DocumentFileName)));
        Assert.All(texts, text => Assert.DoesNotContain(Key, text));
        Assert.Contains("ToPartner", rendered);
        Assert.Contains("Default Response", rendered);
        Assert.Contains("Pre-Shared Key", rendered);
        Assert.Contains("PreSharedKey=********", rendered);
        Assert.Equal(new[] { Key, Key }, new PolicyStore(session.StorePath).ReadSecrets().Values);
    }

    private static string[] ErrorTexts(ErrorRecord error) => new[]
    {
        error.ToString(),
        error.Exception.ToString(),
        error.FullyQualifiedErrorId,
        error.CategoryInfo.ToString(),
        error.TargetObject?.ToString() ?? string.Empty,
        error.ErrorDetails?.Message ?? string.Empty,
        error.InvocationInfo?.PositionMessage ?? string.Empty,
        string.Join(" ", error.InvocationInfo?.BoundParameters.Values.Select(v => v?.ToString()) ?? Enumerable.Empty<string?>()),
        error.ScriptStackTrace ?? string.Empty,
    };

    public void Dispose() => session.Dispose();
}
