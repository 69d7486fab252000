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
    public void A_store_never_written_reads_the_same_every_time()
    {
        var first = new PolicyStore(directory).Read();
        var second = new PolicyStore(directory).Read();

        Assert.Equal(
            first.Policies.SelectMany(p => p.Rules.SelectMany(r => r.AuthMethods).Concat(p.DefaultResponseRule.AuthMethods)).Select(a => a.Id),
            second.Policies.SelectMany(p => p.Rules.SelectMany(r => r.AuthMethods).Concat(p.DefaultResponseRule.AuthMethods)).Select(a => a.Id));
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

    [Theory]
    [InlineData("{ \"formatVersion\": 1,\n  \"policies\": [\n    { \"name\": 5 }\n  ]\n}", "$.policies[0].name", 3)]
    [InlineData("{ \"formatVersion\": 1,\n  \"filterLists\": [ { \"name\": \"L\",\n    \"filters\": [ { \"sourceAddress\": \"10.0.0.0/33\" } ] } ]\n}", "$.filterLists[0].filters[0].sourceAddress", 3)]
    [InlineData("{ \"formatVersion\": 1,\n  \"filterLists\": [\n    { \"name\": \"L\",\n      \"filters\": null } ]\n}", "$.filterLists[0].filters", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"policies\": [\n    null\n  ]\n}", "$.policies[0]", 3)]
    [InlineData("{ \"formatVersion\": 1,\n  \"policies\": [\n", "$.policies", 3)]
    public void A_corrupt_store_names_file_path_and_line_and_is_never_overwritten(string content, string jsonPath, int line)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, PolicyStore.DocumentFileName);
        File.WriteAllText(path, content);
        var store = new PolicyStore(directory);

        var read = Assert.Throws<PolicyException>(() => store.Read());
        var write = Assert.Throws<PolicyException>(() => store.Update(d => d.AddPolicy(new Policy { Name = "New" }, DateTimeOffset.UtcNow)));

        foreach (var error in new[] { read, write })
        {
            Assert.Equal(ErrorIds.StoreCorrupt, error.ErrorId);
            Assert.Contains(path, error.Message);
            Assert.Contains(jsonPath, error.Message);
            Assert.Contains($"line {line}", error.Message);
        }

        Assert.Equal(content, File.ReadAllText(path));
        Assert.False(File.Exists(Path.Combine(directory, PolicyStore.SecretsFileName)));
    }

    [Theory]
    [InlineData("{ \"3f0f7c2e-5b7a-4d7e-9a51-1c3b2f6a9e41\": \"hunter2-secret\", oops }")]
    [InlineData("{ \"hunter2-secret\": \"hunter2-secret\" }")]
    [InlineData("{ \"3f0f7c2e-5b7a-4d7e-9a51-1c3b2f6a9e41\": [\"hunter2-secret\"] }")]
    [InlineData("hunter2-secret")]
    public void A_corrupt_secret_file_error_never_quotes_the_file(string content)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, PolicyStore.SecretsFileName), content);

        var error = Assert.Throws<PolicyException>(() => new PolicyStore(directory).ReadSecrets());

        Assert.Equal(ErrorIds.StoreCorrupt, error.ErrorId);
        Assert.Contains("line 1", error.Message);
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain("hunter", e.Message);
        }
    }

    [Fact]
    public void Keys_no_longer_referenced_are_pruned()
    {
        var store = new PolicyStore(directory);
        store.Update(d =>
        {
            var policy = new Policy { Name = "Partner" };
            policy.DefaultResponseRule.AuthMethods.Insert(0, AuthMethod.ForPreSharedKey("partner key"));
            d.AddPolicy(policy, DateTimeOffset.UtcNow);
        });
        var id = store.Read().GetPolicy("Partner").DefaultResponseRule.AuthMethods[0].Id;
        Assert.True(store.ReadSecrets().ContainsKey(id));

        store.Update(d => d.GetPolicy("Partner").DefaultResponseRule.AuthMethods.RemoveAt(0));

        Assert.Empty(store.ReadSecrets());
        Assert.DoesNotContain("partner key", File.ReadAllText(Path.Combine(directory, PolicyStore.SecretsFileName)));
    }

    [Fact]
    public void Stray_temporaries_are_ignored_by_reads_and_removed_by_the_next_write()
    {
        var store = new PolicyStore(directory);
        store.Update(d => d.AddPolicy(new Policy { Name = "Partner" }, DateTimeOffset.UtcNow));
        var strays = new[]
        {
            Path.Combine(directory, $"{PolicyStore.DocumentFileName}.{Guid.NewGuid():N}.tmp"),
            Path.Combine(directory, $"{PolicyStore.SecretsFileName}.{Guid.NewGuid():N}.tmp"),
        };
        File.WriteAllText(strays[0], "{ \"half\": ");
        File.WriteAllText(strays[1], "");
        var unrelated = Path.Combine(directory, "notes.tmp");
        File.WriteAllText(unrelated, "mine");

        Assert.NotNull(store.Read().FindPolicy("Partner"));
        Assert.All(strays, path => Assert.True(File.Exists(path)));

        store.Update(d => d.Assign("Partner"));

        Assert.All(strays, path => Assert.False(File.Exists(path)));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void The_secret_file_is_owner_only_from_its_creation()
    {
        // Even with a permissive umask the temporary that becomes secrets.json is created 0600.
        var store = new PolicyStore(directory);
        store.Update(d =>
        {
            var policy = new Policy { Name = "Partner" };
            policy.DefaultResponseRule.AuthMethods.Insert(0, AuthMethod.ForPreSharedKey("partner key"));
            d.AddPolicy(policy, DateTimeOffset.UtcNow);
        });

        var secretsPath = Path.Combine(directory, PolicyStore.SecretsFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretsPath));
        using (var stream = OwnerOnlyFileMode.CreateNew(Path.Combine(directory, "probe")))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "probe")));
        }
    }

    [Fact]
    public void A_consistent_snapshot_holds_every_referenced_key()
    {
        var store = new PolicyStore(directory);
        store.Update(d =>
        {
            var policy = new Policy { Name = "Partner" };
            policy.DefaultResponseRule.AuthMethods.Insert(0, AuthMethod.ForPreSharedKey("partner key"));
            d.AddPolicy(policy, DateTimeOffset.UtcNow);
        });

        var (document, secrets) = store.ReadWithSecrets();

        var method = document.GetPolicy("Partner").DefaultResponseRule.AuthMethods[0];
        Assert.Equal("partner key", secrets[method.Id]);
        Assert.True(document.FindPolicy("Client (Respond Only)") is not null);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
