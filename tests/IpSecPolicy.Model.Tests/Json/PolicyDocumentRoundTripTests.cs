using System;
using System.IO;
using System.Linq;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Json;

public sealed class PolicyDocumentRoundTripTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-json-{Guid.NewGuid():N}");

    private PolicyStore NewStore(string name) => new(Path.Combine(root, name));

    [Fact]
    public void Every_object_kind_and_form_survives_export_and_import()
    {
        var source = NewStore("a");
        source.Update(PolicyFixtures.AddEverything);
        var exported = source.ExportPolicy(PolicyFixtures.Everything, includeSecret: true);

        var target = NewStore("b");
        var plan = target.Import(PolicyDocumentReader.Read(exported, "everything.json"), DateTimeOffset.UtcNow);

        Assert.Equal(exported, target.ExportPolicy(PolicyFixtures.Everything, includeSecret: true));
        Assert.Contains(plan.Items, i => i.ObjectType == ImportObjectType.Policy && i.Change == ImportChange.Create);
        var policy = target.Read().GetPolicy(PolicyFixtures.Everything);
        var list = target.Read().GetFilterList("Every address");
        Assert.Equal(PolicyFixtures.Addresses.Select(a => FilterAddress.Parse(a).ToString()),
            list.Filters.Select(f => (f.SourceAddress.Kind == FilterAddressKind.Me && f.DestinationAddress.IsServerToken ? f.DestinationAddress : f.SourceAddress).ToString()));
        Assert.Equal(PolicyFixtures.QuickModeMethods, target.Read().GetFilterAction("Every method").SecurityMethods.Select(m => m.ToString()));
        Assert.Equal(PolicyFixtures.MainModeMethods, policy.MainModeSecurityMethods.Select(m => m.ToString()));
        var key = policy.Rules.Single(r => r.Name == "Secure protocols").AuthMethods[0];
        Assert.Equal(PolicyFixtures.PartnerKey, target.ReadSecrets()[key.Id]);
    }

    [Theory]
    [InlineData(PredefinedObjects.ClientPolicy)]
    [InlineData(PredefinedObjects.ServerPolicy)]
    [InlineData(PredefinedObjects.SecureServerPolicy)]
    public void The_predefined_policies_export_and_import_unchanged(string name)
    {
        var store = NewStore("a");
        var exported = store.ExportPolicy(name, includeSecret: false);

        var plan = store.Import(PolicyDocumentReader.Read(exported, "x.json"), DateTimeOffset.UtcNow);

        Assert.All(plan.Items, i => Assert.Equal(ImportChange.Unchanged, i.Change));
        Assert.False(Directory.Exists(store.Directory), "An import that changes nothing writes nothing.");
    }

    [Fact]
    public void A_document_holds_only_the_lists_and_actions_its_rules_use_and_no_timestamps()
    {
        var store = NewStore("a");
        store.Update(d => d.Configuration.IkeLogging = true); // a written store: predefined auth methods get ids that last
        var exported = store.ExportPolicy(PredefinedObjects.ServerPolicy, includeSecret: false);
        var document = PolicyDocumentReader.Read(exported, "x.json");

        Assert.Equal(new[] { PredefinedObjects.AllIpTraffic, PredefinedObjects.AllIcmpTraffic }, document.FilterLists.Select(l => l.Name));
        Assert.Equal(new[] { PredefinedObjects.RequestSecurity, PredefinedObjects.Permit }, document.FilterActions.Select(a => a.Name));
        Assert.DoesNotContain("lastModified", exported, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(exported, store.ExportPolicy(PredefinedObjects.ServerPolicy, includeSecret: false));
    }

    [Fact]
    public void Keys_are_written_only_with_include_secret()
    {
        var store = NewStore("a");
        store.Update(PolicyFixtures.AddEverything);

        var without = store.ExportPolicy(PolicyFixtures.Everything, includeSecret: false);
        var with = store.ExportPolicy(PolicyFixtures.Everything, includeSecret: true);

        Assert.DoesNotContain("preSharedKey", without);
        Assert.DoesNotContain("partner key", without);
        Assert.DoesNotContain("tunnel key", without);
        Assert.Contains("\"preSharedKey\": \"tunnel key\"", with);
        Assert.Equal(2, with.Split("\"preSharedKey\"").Length - 1);
    }

    [Fact]
    public void A_key_method_without_a_key_keeps_the_stores_key_for_that_id()
    {
        var store = NewStore("a");
        store.Update(PolicyFixtures.AddEverything);
        var exported = store.ExportPolicy(PolicyFixtures.Everything, includeSecret: false)
            .Replace("\"mainModeLifetimeMinutes\": 60", "\"mainModeLifetimeMinutes\": 90");

        var plan = store.Import(PolicyDocumentReader.Read(exported, "x.json"), DateTimeOffset.UtcNow);

        var item = plan.Items.Single(i => i.ObjectType == ImportObjectType.Policy);
        Assert.Equal(ImportChange.Update, item.Change);
        Assert.Equal(new[] { "mainModeLifetimeMinutes" }, item.Differences);
        var (document, secrets) = store.ReadWithSecrets();
        var policy = document.GetPolicy(PolicyFixtures.Everything);
        Assert.Equal(90, policy.MainModeLifetimeMinutes);
        Assert.Equal(PolicyFixtures.PartnerKey, secrets[policy.Rules.Single(r => r.Name == "Secure protocols").AuthMethods[0].Id]);
        Assert.Equal("tunnel key", secrets[policy.Rules.Single(r => r.Name == "Tunnel v4").AuthMethods[0].Id]);
    }

    [Fact]
    public void A_new_key_in_the_document_replaces_the_stored_one()
    {
        var store = NewStore("a");
        store.Update(PolicyFixtures.AddEverything);
        var exported = store.ExportPolicy(PolicyFixtures.Everything, includeSecret: true).Replace("\"tunnel key\"", "\"rotated key\"");

        var plan = store.Import(PolicyDocumentReader.Read(exported, "x.json"), DateTimeOffset.UtcNow);

        Assert.Equal(new[] { "preSharedKey" }, plan.Items.Single(i => i.ObjectType == ImportObjectType.Policy).Differences);
        var (document, secrets) = store.ReadWithSecrets();
        Assert.Equal("rotated key", secrets[document.GetPolicy(PolicyFixtures.Everything).Rules.Single(r => r.Name == "Tunnel v4").AuthMethods[0].Id]);
        Assert.DoesNotContain("tunnel key", File.ReadAllText(Path.Combine(store.Directory, PolicyStore.SecretsFileName)));
    }

    [Fact]
    public void A_copy_under_another_name_gets_its_own_auth_method_ids_and_the_same_key()
    {
        var store = NewStore("a");
        store.Update(PolicyFixtures.AddEverything);
        var copy = store.ExportPolicy(PolicyFixtures.Everything, includeSecret: false)
            .Replace($"\"name\": \"{PolicyFixtures.Everything}\"", "\"name\": \"Copy\"");

        store.Import(PolicyDocumentReader.Read(copy, "copy.json"), DateTimeOffset.UtcNow);
        var (document, secrets) = store.ReadWithSecrets();
        var original = document.GetPolicy(PolicyFixtures.Everything).Rules.Single(r => r.Name == "Tunnel v4").AuthMethods[0];
        var copied = document.GetPolicy("Copy").Rules.Single(r => r.Name == "Tunnel v4").AuthMethods[0];

        Assert.NotEqual(original.Id, copied.Id);
        Assert.Equal("tunnel key", secrets[copied.Id]);

        // Changing the copy's key leaves the original's alone.
        var rotated = store.ExportPolicy("Copy", includeSecret: true).Replace("\"tunnel key\"", "\"copy key\"");
        store.Import(PolicyDocumentReader.Read(rotated, "copy.json"), DateTimeOffset.UtcNow);
        Assert.Equal("tunnel key", store.ReadSecrets()[original.Id]);
    }

    [Fact]
    public void Same_named_objects_are_updated_and_their_other_users_are_listed()
    {
        var store = NewStore("a");
        var exported = store.ExportPolicy(PredefinedObjects.ServerPolicy, includeSecret: false)
            .Replace("\"protocol\": \"ICMP\"", "\"protocol\": \"ICMP\", \"description\": \"pings\"");

        var plan = store.PreviewImport(PolicyDocumentReader.Read(exported, "x.json"));

        var icmp = plan.Items.Single(i => i.Name == PredefinedObjects.AllIcmpTraffic);
        Assert.Equal(ImportChange.Update, icmp.Change);
        Assert.Equal(new[] { "filters" }, icmp.Differences);
        Assert.Equal(new[] { PredefinedObjects.SecureServerPolicy }, icmp.AlsoUsedBy);
        Assert.Equal(ImportChange.Unchanged, plan.Items.Single(i => i.ObjectType == ImportObjectType.Policy).Change);
        Assert.Equal(new[] { ImportObjectType.FilterList, ImportObjectType.FilterList, ImportObjectType.FilterAction, ImportObjectType.FilterAction, ImportObjectType.Policy },
            plan.Items.Select(i => i.ObjectType));
        Assert.False(Directory.Exists(store.Directory), "A preview writes nothing.");
    }

    [Fact]
    public void An_assigned_policy_stays_assigned_when_imported_over()
    {
        var store = NewStore("a");
        store.Update(d => d.Assign(PredefinedObjects.ClientPolicy));
        var exported = store.ExportPolicy(PredefinedObjects.ClientPolicy, includeSecret: false)
            .Replace("\"pollingIntervalMinutes\": 180", "\"pollingIntervalMinutes\": 5");

        store.Import(PolicyDocumentReader.Read(exported, "x.json"), DateTimeOffset.UtcNow);

        var policy = store.Read().GetPolicy(PredefinedObjects.ClientPolicy);
        Assert.True(policy.Assigned);
        Assert.Equal(5, policy.PollingIntervalMinutes);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
