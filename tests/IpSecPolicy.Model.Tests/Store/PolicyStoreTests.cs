using System;
using System.IO;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Tests.Store;

public sealed class PolicyStoreTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-store-{Guid.NewGuid():N}");

    [Fact]
    public void A_new_store_holds_the_predefined_objects()
    {
        var document = new PolicyStore(directory).Read();

        Assert.Equal(new[] { "All IP Traffic", "All ICMP Traffic" }, document.FilterLists.Select(l => l.Name));
        Assert.Equal(new[] { "Permit", "Request Security (Optional)", "Require Security" }, document.FilterActions.Select(a => a.Name));
        Assert.Equal(new[] { "Client (Respond Only)", "Server (Request Security)", "Secure Server (Require Security)" }, document.Policies.Select(p => p.Name));
        Assert.Null(document.AssignedPolicy);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void A_change_is_saved_and_read_back()
    {
        var store = new PolicyStore(directory);
        store.Update(d => d.AddPolicy(new Policy { Name = "Partner" }, DateTimeOffset.UtcNow));
        store.Update(d => d.Assign("partner"));

        var document = new PolicyStore(directory).Read();
        Assert.True(document.GetPolicy("Partner").Assigned);
        Assert.Equal("Partner", document.AssignedPolicy);
    }

    [Fact]
    public void A_refused_change_writes_nothing()
    {
        var store = new PolicyStore(directory);
        store.Update(d => d.AddPolicy(new Policy { Name = "Partner" }, DateTimeOffset.UtcNow));
        var before = File.ReadAllText(Path.Combine(directory, PolicyStore.DocumentFileName));

        var error = Assert.Throws<PolicyException>(() => store.Update(d => d.AddPolicy(new Policy { Name = "PARTNER" }, DateTimeOffset.UtcNow)));

        Assert.Equal(ErrorIds.NameCollision, error.ErrorId);
        Assert.Equal(before, File.ReadAllText(Path.Combine(directory, PolicyStore.DocumentFileName)));
    }

    [Fact]
    public void Secrets_live_apart_with_mode_0600_and_never_in_the_document()
    {
        var store = new PolicyStore(directory);
        store.Update(d =>
        {
            var policy = d.GetPolicy("Server (Request Security)");
            policy.Rules[0].AuthMethods.Insert(0, AuthMethod.ForPreSharedKey("correct horse battery staple"));
        });

        var documentText = File.ReadAllText(Path.Combine(directory, PolicyStore.DocumentFileName));
        var secretsPath = Path.Combine(directory, PolicyStore.SecretsFileName);
        Assert.DoesNotContain("correct horse", documentText);
        Assert.Contains("correct horse battery staple", File.ReadAllText(secretsPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretsPath));
        var method = store.Read().GetPolicy("Server (Request Security)").Rules[0].AuthMethods[0];
        Assert.Equal("********", method.PreSharedKey!.ToString());
        Assert.Equal("correct horse battery staple", store.ReadSecrets()[method.Id]);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
