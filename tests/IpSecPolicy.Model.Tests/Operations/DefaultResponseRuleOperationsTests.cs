using System;
using System.IO;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Operations;

public sealed class DefaultResponseRuleOperationsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-drr-{Guid.NewGuid():N}");
    private readonly PolicyStore store;

    public DefaultResponseRuleOperationsTests()
    {
        store = new PolicyStore(directory);
        store.Update(d => d.AddPolicy(new Policy { Name = "Partner" }, Now));
    }

    [Fact]
    public void A_new_policy_answers_with_windows_defaults()
    {
        var rule = store.Read().GetPolicy("Partner").DefaultResponseRule;

        Assert.Equal("Partner", rule.Policy);
        Assert.True(rule.Active);
        Assert.False(rule.SessionKeyPfs);
        Assert.Equal(AuthMethodKind.Kerberos, Assert.Single(rule.AuthMethods).Kind);
        Assert.Equal(SecurityMethod.Defaults, rule.SecurityMethods);
    }

    [Fact]
    public void Changes_are_saved_and_mark_the_policy_modified()
    {
        var later = Now.AddHours(2);

        var rule = store.Update(d => d.UpdateDefaultResponseRule("partner", r =>
        {
            r.Active = false;
            r.SessionKeyPfs = true;
            r.SecurityMethods = new() { SecurityMethod.Parse("ESP[AES256,SHA256]") };
            r.AuthMethods = new() { AuthMethod.ForPreSharedKey("response key") };
        }, later));

        Assert.Equal("Partner", rule.Policy);
        var stored = store.Read().GetPolicy("Partner");
        Assert.False(stored.DefaultResponseRule.Active);
        Assert.False(stored.ActivateDefaultResponseRule);
        Assert.True(stored.DefaultResponseRule.SessionKeyPfs);
        Assert.Equal("ESP[AES256,SHA256]:100000k/3600s", Assert.Single(stored.DefaultResponseRule.SecurityMethods).ToString());
        var method = Assert.Single(stored.DefaultResponseRule.AuthMethods);
        Assert.Equal("response key", store.ReadSecrets()[method.Id]);
        Assert.Equal(later, stored.LastModified);
    }

    [Fact]
    public void It_keeps_at_least_one_security_method_and_one_authentication_method()
    {
        var noSecurity = Assert.Throws<PolicyException>(() => store.Update(d => d.UpdateDefaultResponseRule("Partner", r => r.SecurityMethods.Clear(), Now)));
        var noAuth = Assert.Throws<PolicyException>(() => store.Update(d => d.UpdateDefaultResponseRule("Partner", r => r.AuthMethods.Clear(), Now)));

        Assert.Equal(ErrorIds.NegotiateRequiresSecurityMethod, noSecurity.ErrorId);
        Assert.Equal(ErrorIds.NegotiateRequiresAuthMethod, noAuth.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, noAuth.Category);
    }

    [Fact]
    public void A_missing_policy_is_policy_not_found()
    {
        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.UpdateDefaultResponseRule("Ghost", r => r.Active = false, Now)));

        Assert.Equal(ErrorIds.PolicyNotFound, error.ErrorId);
    }

    [Fact]
    public void A_keyless_method_is_refused()
    {
        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.UpdateDefaultResponseRule("Partner",
            r => r.AuthMethods = new() { new AuthMethod { Kind = AuthMethodKind.PreSharedKey } }, Now)));

        Assert.Equal(ErrorIds.EmptyPreSharedKey, error.ErrorId);
        Assert.Equal(AuthMethodKind.Kerberos, store.Read().GetPolicy("Partner").DefaultResponseRule.AuthMethods.Single().Kind);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
