using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Store;
using NJsonSchema;

namespace IpSecPolicy.Model.Tests.Json;

/// <summary>The schema the module ships (module/IpSecPolicy.policy.schema.json) against the documents Export writes.</summary>
public sealed class PolicySchemaTests : IDisposable
{
    private static readonly string SchemaPath = Path.Combine(AppContext.BaseDirectory, "IpSecPolicy.policy.schema.json");
    private static readonly JsonSchema Schema = JsonSchema.FromJsonAsync(File.ReadAllText(SchemaPath)).GetAwaiter().GetResult();
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-schema-{Guid.NewGuid():N}");

    public static IEnumerable<object[]> Policies() => new[]
    {
        new object[] { PolicyFixtures.Everything, false },
        new object[] { PolicyFixtures.Everything, true },
        new object[] { PredefinedObjects.ClientPolicy, false },
        new object[] { PredefinedObjects.ServerPolicy, false },
        new object[] { PredefinedObjects.SecureServerPolicy, false },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Exported_documents_are_valid_against_the_schema(string policy, bool includeSecret)
    {
        var store = new PolicyStore(directory);
        store.Update(PolicyFixtures.AddEverything);

        var document = store.ExportPolicy(policy, includeSecret);

        Assert.Empty(Schema.Validate(document).Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Theory]
    [InlineData("\"sourceAddress\": \"Me\"", "\"sourceAddress\": \"my ip address\"")]
    [InlineData("\"destinationAddress\": \"192.0.2.10\"", "\"destinationAddress\": \"2001:db8::5-2001:db8::9\"")]
    [InlineData("\"destinationAddress\": \"192.0.2.10\"", "\"destinationAddress\": \"sql01.example.com.\"")]
    [InlineData("\"protocol\": \"TCP\"", "\"protocol\": 6")]
    [InlineData("\"protocol\": \"TCP\"", "\"protocol\": \"tcp\"")]
    [InlineData("\"ESP[AES256,SHA256]\"", "\"esp[3des,sha1]:50000k\"")]
    [InlineData("\"ESP[AES256,SHA256]\"", "\"AH[SHA1]+ESP[None,SHA1]:100000k/300s\"")]
    [InlineData("\"AES256-SHA256-14\"", "\"3des-sha1-dh2\"")]
    [InlineData("{ \"kind\": \"Kerberos\" }", "{ \"kind\": \"PreSharedKey\", \"preSharedKey\": \"k\" }")]
    [InlineData("{ \"kind\": \"Kerberos\" }", "{ \"id\": \"3f0f7c2e-5b7a-4d7e-9a51-1c3b2f6a9e41\", \"kind\": \"Certificate\", \"certificateAuthority\": \"CN=CA\" }")]
    public void Spellings_the_importer_accepts_are_valid(string find, string replace)
    {
        var text = Sample.Replace(find, replace);

        PolicyDocumentReader.Read(text, "sample.json");
        Assert.Empty(Schema.Validate(text).Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Theory]
    [InlineData("\"sourceAddress\": \"Me\"", "\"sourceAddress\": \"10.0.0.0/33\"")]
    [InlineData("\"sourceAddress\": \"Me\"", "\"sourceAddress\": \"999.1.1.1\"")]
    [InlineData("\"protocol\": \"TCP\"", "\"protocol\": 256")]
    [InlineData("\"destinationPort\": 443", "\"destinationPort\": 65536")]
    [InlineData("\"ESP[AES256,SHA256]\"", "\"ESP[AES256,SHA999]\"")]
    [InlineData("\"AES256-SHA256-14\"", "\"AES256-SHA256-3\"")]
    [InlineData("\"action\": \"Negotiate\"", "\"action\": \"Allow\"")]
    [InlineData("\"name\": \"Partner\"", "\"name\": \"Partner\", \"lastModified\": \"2024-01-01\"")]
    [InlineData("{ \"kind\": \"Kerberos\" }", "{ \"kind\": \"Kerberos\", \"preSharedKey\": \"k\" }")]
    [InlineData("{ \"kind\": \"Kerberos\" }", "{ \"kind\": \"Certificate\" }")]
    [InlineData("\"formatVersion\": 1", "\"formatVersion\": 2")]
    public void Documents_the_importer_refuses_are_invalid(string find, string replace)
    {
        var text = Sample.Replace(find, replace);

        Assert.NotEmpty(Schema.Validate(text));
        Assert.Throws<IpSecPolicy.Model.Errors.PolicyException>(() => new PolicyStore(directory).PreviewImport(PolicyDocumentReader.Read(text, "sample.json")));
    }

    [Fact]
    public void The_documented_example_is_valid_imports_and_exports_unchanged()
    {
        var markdown = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy-format.md"));
        var start = markdown.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var example = markdown.Substring(start, markdown.IndexOf("```", start, StringComparison.Ordinal) - start);
        var store = new PolicyStore(directory);

        Assert.Empty(Schema.Validate(example).Select(e => $"{e.Path}: {e.Kind}"));
        store.Import(PolicyDocumentReader.Read(example, "policy-format.md"), DateTimeOffset.UtcNow);
        Assert.Equal(example, store.ExportPolicy("SQL Server", includeSecret: false));
    }

    [Fact]
    public void Every_property_is_described()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var undescribed = new List<string>();
        Walk(schema.RootElement, "#", undescribed);

        Assert.Empty(undescribed);
    }

    private static void Walk(JsonElement element, string path, List<string> undescribed)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (!property.Value.TryGetProperty("description", out _) && !property.Value.TryGetProperty("$ref", out _))
                    {
                        undescribed.Add($"{path}/properties/{property.Name}");
                    }
                }
            }

            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, $"{path}/{property.Name}", undescribed);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, $"{path}/{i++}", undescribed);
            }
        }
    }

    private const string Sample = """
        {
          "formatVersion": 1,
          "policy": {
            "name": "Partner",
            "mainModeSecurityMethods": [ "AES256-SHA256-14" ],
            "rules": [
              { "name": "To partner", "filterList": "Partner hosts", "filterAction": "Secure", "authMethods": [ { "kind": "Kerberos" } ] }
            ]
          },
          "filterLists": [
            { "name": "Partner hosts", "filters": [ { "sourceAddress": "Me", "destinationAddress": "192.0.2.10", "protocol": "TCP", "destinationPort": 443 } ] }
          ],
          "filterActions": [
            { "name": "Secure", "action": "Negotiate", "securityMethods": [ "ESP[AES256,SHA256]" ] }
          ]
        }
        """;

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
