using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Store;

/// <summary>The user file: apart from the policy document, 0600, atomic, and refused with path and line when damaged.</summary>
public sealed class VpnUserStoreTests : IDisposable
{
    private static readonly DateTimeOffset Then = new(2025, 1, 31, 9, 0, 0, TimeSpan.Zero);

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-vpnusers-{Guid.NewGuid():N}");

    private string FilePath => Path.Combine(directory, VpnUserStore.FileName);

    private VpnUserStore NewStore() => new(new PolicyStore(directory));

    [Fact]
    public void A_store_without_a_user_file_has_no_users_and_reading_writes_nothing()
    {
        var store = NewStore();

        Assert.Empty(store.Read().Users);
        Assert.Empty(store.ReadWithPasswords().Passwords);
        Assert.False(Directory.Exists(directory));
        Assert.Equal(FilePath, store.FilePath);
    }

    [Fact]
    public void Users_are_read_back_without_passwords_and_the_gateway_reads_the_passwords()
    {
        var store = NewStore();
        store.Update(users => users.AddVpnUser(new VpnUser { Name = "alice", StaticAddress = IPAddress.Parse("192.168.50.20") }, new Secret("pw alice"), Then));
        store.Update(users => users.AddVpnUser(new VpnUser { Name = "bob", Enabled = false, Description = "Contractor" }, new Secret("pw-bob"), Then));

        var read = NewStore().Read();
        Assert.Equal(new[] { "alice", "bob" }, read.Users.Select(u => u.Name));
        Assert.All(read.Users, user => Assert.False(user.Password.HasValue));
        Assert.Equal(IPAddress.Parse("192.168.50.20"), read.GetUser("alice").StaticAddress);
        Assert.False(read.GetUser("bob").Enabled);
        Assert.Equal("Contractor", read.GetUser("bob").Description);
        Assert.Equal(Then, read.GetUser("bob").PasswordLastSet);

        var (users, passwords) = NewStore().ReadWithPasswords();
        Assert.Equal(2, users.Users.Count);
        Assert.All(users.Users, user => Assert.False(user.Password.HasValue));
        Assert.Equal("pw alice", passwords["ALICE"]);
        Assert.Equal("pw-bob", passwords["bob"]);
    }

    [Fact]
    public void What_an_update_returns_carries_no_password()
    {
        var user = NewStore().Update(users => users.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("pw-alice"), Then));

        Assert.False(user.Password.HasValue);
    }

    [Fact]
    public void The_user_file_is_owner_only_and_apart_from_the_policy_document()
    {
        var policies = new PolicyStore(directory);
        policies.Update(d => d.AddPolicy(new Policy { Name = "Partner" }, Then));
        new VpnUserStore(policies).Update(users => users.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("correct horse battery staple"), Then));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        Assert.Contains("correct horse battery staple", File.ReadAllText(FilePath));
        Assert.DoesNotContain("alice", File.ReadAllText(Path.Combine(directory, PolicyStore.DocumentFileName)));
        Assert.DoesNotContain("correct horse", File.ReadAllText(Path.Combine(directory, PolicyStore.SecretsFileName)));
        Assert.NotNull(policies.Read().FindPolicy("Partner"));
    }

    [Fact]
    public void A_world_readable_user_file_is_replaced_by_an_owner_only_one_on_the_next_write()
    {
        var store = NewStore();
        store.Update(users => users.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("a"), Then));
        File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        store.Update(users => users.AddVpnUser(new VpnUser { Name = "bob" }, new Secret("b"), Then));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        Assert.Equal(new[] { VpnUserStore.FileName, ".lock" }.OrderBy(n => n), Directory.GetFiles(directory).Select(Path.GetFileName).OrderBy(n => n));
    }

    [Fact]
    public void The_file_has_the_documented_form()
    {
        var store = NewStore();
        store.Update(users => users.AddVpnUser(
            new VpnUser { Name = "alice", StaticAddress = IPAddress.Parse("192.168.50.20"), Description = "Jürgen's laptop" }, new Secret("correct \"horse\" + battery"), Then));
        store.Update(users => users.AddVpnUser(new VpnUser { Name = "bob", Enabled = false }, new Secret("pw-bob"), Then));

        var expected =
            """
            {
              "formatVersion": 1,
              "users": [
                {
                  "name": "alice",
                  "password": "correct \"horse\" + battery",
                  "enabled": true,
                  "staticAddress": "192.168.50.20",
                  "description": "Jürgen's laptop",
                  "passwordLastSet": "2025-01-31T09:00:00+00:00",
                  "lastModified": "2025-01-31T09:00:00+00:00"
                },
                {
                  "name": "bob",
                  "password": "pw-bob",
                  "enabled": false,
                  "passwordLastSet": "2025-01-31T09:00:00+00:00",
                  "lastModified": "2025-01-31T09:00:00+00:00"
                }
              ]
            }

            """;
        Assert.Equal(expected, File.ReadAllText(FilePath));

        // The example in docs/vpn-gateway.md ("The user database", "Format") is this text.
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "vpn-gateway.md"));
        var format = doc.Substring(doc.IndexOf("### Format", StringComparison.Ordinal));
        var start = format.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        Assert.Equal(expected, format.Substring(start, format.IndexOf("```\n", start, StringComparison.Ordinal) - start));
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IpSecPolicy.sln")))
        {
            root = root.Parent;
        }

        return root!.FullName;
    }

    [Fact]
    public void A_file_written_by_hand_in_the_documented_form_is_read()
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(FilePath, """
            // Added by hand; dates and "enabled" may be left out.
            {
              "formatVersion": 1,
              "users": [
                { "name": " carol ", "password": "pw-carol" },
                { "name": "dave", "password": "pw-dave", "enabled": false, "staticAddress": null, "description": null },
              ]
            }
            """);

        var (database, passwords) = NewStore().ReadWithPasswords();

        var carol = database.GetUser("carol");
        Assert.Equal("carol", carol.Name);
        Assert.True(carol.Enabled);
        Assert.Null(carol.StaticAddress);
        Assert.Null(carol.PasswordLastSet);
        Assert.False(database.GetUser("dave").Enabled);
        Assert.Equal("pw-carol", passwords["carol"]);
    }

    [Theory]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"password\": \"hunter2\" oops } ] }", "$.users[0].password", 3)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\",\n      \"hunter2\" } ] }", "$.users[0].name", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"hunter2\": \"x\",\n      oops } ] }", "$.users[0]", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\",\n      \"password\": \"hunter2", "$.users[0].password", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\" } ] }", "$.users[0].password", 3)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\",\n      \"password\": [\"hunter2\"] } ] }", "$.users[0].password", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\",\n      \"password\": \"\" } ] }", "$.users[0].password", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\",\n      \"password\": \"hunter2\\u0007\" } ] }", "$.users[0].password", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"password\": \"x\",\n      \"hunter2\": \"hunter2\" } ] }", "$.users[0]", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"password\": \"x\",\n      \"password\": \"hunter2\" } ] }", "$.users[0].password", 3)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"password\": \"x\",\n      \"staticAddress\": \"hunter2\" } ] }", "$.users[0].staticAddress", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"password\": \"x\",\n      \"staticAddress\": \"127.0.0.1\" } ] }", "$.users[0].staticAddress", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"password\": \"x\",\n      \"enabled\": \"hunter2\" } ] }", "$.users[0].enabled", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"password\": \"x\",\n      \"lastModified\": \"hunter2\" } ] }", "$.users[0].lastModified", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"password\": \"hunter2\" },\n    { \"name\": \"A\", \"password\": \"hunter2\" } ] }", "$.users[1].name", 4)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a\", \"password\": \"hunter2\", \"staticAddress\": \"10.0.0.1\" },\n    { \"name\": \"b\", \"password\": \"hunter2\",\n      \"staticAddress\": \"10.0.0.1\" } ] }", "$.users[1].staticAddress", 5)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"a*\", \"password\": \"hunter2\" } ] }", "$.users[0].name", 3)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": [\n    \"hunter2\" ] }", "$.users[0]", 3)]
    [InlineData("{ \"formatVersion\": 1,\n  \"users\": null }", "$.users", 2)]
    [InlineData("{ \"formatVersion\": 2,\n  \"users\": [] }", "$.formatVersion", 1)]
    [InlineData("{\n  \"users\": [] }", "$.formatVersion", 1)]
    [InlineData("[ \"hunter2\" ]", "$", 1)]
    [InlineData("", "$", 1)]
    [InlineData("hunter2", "$", 1)]
    public void A_damaged_user_file_is_refused_with_path_line_and_reason_and_never_overwritten(string content, string jsonPath, int line)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(FilePath, content);
        var store = NewStore();

        var errors = new[]
        {
            Assert.Throws<PolicyException>(() => store.Read()),
            Assert.Throws<PolicyException>(() => store.ReadWithPasswords()),
            Assert.Throws<PolicyException>(() => store.Update(users => users.AddVpnUser(new VpnUser { Name = "new" }, new Secret("new"), Then))),
        };

        foreach (var error in errors)
        {
            Assert.Equal((ErrorIds.StoreCorrupt, PolicyErrorCategory.InvalidData), (error.ErrorId, error.Category));
            var expected = $"'{FilePath}' is not valid at {jsonPath} (line {line}): ";
            Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"expected '{expected}' in: {error.Message}");
            for (Exception? e = error; e is not null; e = e.InnerException)
            {
                Assert.DoesNotContain("hunter", e.Message);
            }
        }

        Assert.Equal(content, File.ReadAllText(FilePath));
    }

    [Fact]
    public void A_refused_change_writes_nothing()
    {
        var store = NewStore();
        store.Update(users => users.AddVpnUser(new VpnUser { Name = "alice", StaticAddress = IPAddress.Parse("192.168.50.20") }, new Secret("a"), Then));
        var before = File.ReadAllBytes(FilePath);

        var collision = Assert.Throws<PolicyException>(() => store.Update(users => users.AddVpnUser(new VpnUser { Name = "ALICE" }, new Secret("b"), Then)));
        var address = Assert.Throws<PolicyException>(() => store.Update(users =>
            users.AddVpnUser(new VpnUser { Name = "bob", StaticAddress = IPAddress.Parse("192.168.50.20") }, new Secret("b"), Then)));

        Assert.Equal(ErrorIds.NameCollision, collision.ErrorId);
        Assert.Equal(ErrorIds.StaticAddressInUse, address.ErrorId);
        Assert.Equal(before, File.ReadAllBytes(FilePath));
    }

    [Fact]
    public void A_change_that_bypasses_the_operations_is_still_checked_before_writing()
    {
        var store = NewStore();
        store.Update(users => users.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("a"), Then));

        var error = Assert.Throws<PolicyException>(() => store.Update(users => users.Users.Add(new VpnUser { Name = "bob" })));

        Assert.Equal(ErrorIds.InvalidPassword, error.ErrorId);
        Assert.Equal(new[] { "alice" }, store.Read().Users.Select(u => u.Name));
    }

    [Fact]
    public void Stray_temporaries_of_the_user_file_are_removed_by_the_next_write_of_either_file()
    {
        var store = NewStore();
        store.Update(users => users.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("a"), Then));
        var stray = Path.Combine(directory, $"{VpnUserStore.FileName}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stray, "{ \"half\": ");

        Assert.NotNull(store.Read().FindUser("alice"));
        Assert.True(File.Exists(stray));

        new PolicyStore(directory).Update(d => d.Configuration.IkeLogging = true);
        Assert.False(File.Exists(stray));

        File.WriteAllText(stray, "");
        store.Update(users => users.ChangeVpnUser("alice", new VpnUserChange { Enabled = false }, Then));
        Assert.False(File.Exists(stray));
    }

    [Fact]
    public async Task User_changes_wait_for_the_policy_stores_lock()
    {
        var policies = new PolicyStore(directory);
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var policyWriter = Task.Run(() => policies.Update(d =>
        {
            holding.Set();
            release.Wait();
            d.Configuration.IkeLogging = true;
        }));
        Assert.True(holding.Wait(TimeSpan.FromSeconds(30)));

        var userWriter = Task.Run(() => new VpnUserStore(new PolicyStore(directory))
            .Update(users => users.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("a"), Then)));

        var first = await Task.WhenAny(userWriter, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(first == userWriter, "the user file was written while the store was locked");
        release.Set();
        await Task.WhenAll(policyWriter, userWriter).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(NewStore().Read().FindUser("alice"));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
