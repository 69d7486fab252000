using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Tests.Json;

/// <summary>
/// Every kind of bad document is refused with its error id, the JSON path and line of the problem,
/// and the reason; and the store is left exactly as it was.
/// </summary>
public sealed class BadPolicyDocumentTests : IDisposable
{
    /// <summary>A valid document; each case breaks one thing in it.</summary>
    private const string Good = """
        {
          "formatVersion": 1,
          "policy": {
            "name": "Partner",
            "mainModeSecurityMethods": [ "AES256-SHA256-14" ],
            "rules": [
              {
                "name": "To partner",
                "filterList": "Partner hosts",
                "filterAction": "Secure",
                "authMethods": [ { "kind": "Kerberos" } ]
              }
            ]
          },
          "filterLists": [
            {
              "name": "Partner hosts",
              "filters": [
                { "sourceAddress": "Me", "destinationAddress": "192.0.2.10", "protocol": "TCP", "destinationPort": 443 }
              ]
            }
          ],
          "filterActions": [
            { "name": "Secure", "action": "Negotiate", "securityMethods": [ "ESP[AES256,SHA256]" ] }
          ]
        }
        """;

    /// <summary>An object's path is on the line of its opening brace: for the rule, the line after "rules".</summary>
    private const string RuleObject = "+1 \"rules\": [";

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-bad-{Guid.NewGuid():N}");

    /// <summary>(name, text to replace, replacement, expected error id, expected JSON path, text on the expected line, reason fragment)</summary>
    public static IEnumerable<object[]> Cases() => new[]
    {
        Case("malformed JSON", "\"name\": \"To partner\",", "\"name\": \"To partner\"", "$.policy.rules[0].name", "\"filterList\": \"Partner hosts\"", "Malformed JSON"),
        Case("unknown property", "\"mainModeSecurityMethods\"", "\"mainModeSecurityMethod\"", "$.policy.mainModeSecurityMethod", "\"mainModeSecurityMethod\"", "Unknown property 'mainModeSecurityMethod'"),
        Case("wrong case", "\"filterAction\": \"Secure\"", "\"FilterAction\": \"Secure\"", "$.policy.rules[0].FilterAction", "\"FilterAction\"", "write 'filterAction'"),
        Case("wrong type", "\"destinationPort\": 443", "\"destinationPort\": \"443\"", "$.filterLists[0].filters[0].destinationPort", "\"destinationPort\"", "Expected a whole number, found a string"),
        Case("port out of range", "\"destinationPort\": 443", "\"destinationPort\": 70000", "$.filterLists[0].filters[0].destinationPort", "\"destinationPort\"", "out of range 0-65535"),
        Case("bad address", "\"192.0.2.10\"", "\"192.0.2.0/33\"", "$.filterLists[0].filters[0].destinationAddress", "\"destinationAddress\"", "InvalidMask"),
        Case("bad IPv6 range", "\"192.0.2.10\"", "\"2001:db8::9-2001:db8::1\"", "$.filterLists[0].filters[0].destinationAddress", "\"destinationAddress\"", "ends before it starts"),
        Case("bad protocol", "\"protocol\": \"TCP\"", "\"protocol\": \"TCPX\"", "$.filterLists[0].filters[0].protocol", "\"protocol\"", "InvalidProtocol"),
        Case("bad quick mode method", "\"ESP[AES256,SHA256]\"", "\"ESP[AES256,SHA999]\"", "$.filterActions[0].securityMethods[0]", "\"securityMethods\"", "InvalidSecurityMethod"),
        Case("bad main mode method", "\"AES256-SHA256-14\"", "\"AES256-SHA256-3\"", "$.policy.mainModeSecurityMethods[0]", "\"mainModeSecurityMethods\"", "DH group"),
        Case("bad enum", "\"action\": \"Negotiate\"", "\"action\": \"negotiate\"", "$.filterActions[0].action", "\"action\"", "not one of Permit, Block, Negotiate"),
        Case("missing required", "\"name\": \"To partner\",", string.Empty, "$.policy.rules[0]", RuleObject, "required property 'name'"),
        Case("missing list", "\"filterList\": \"Partner hosts\"", "\"filterList\": \"Other hosts\"", "$.policy.rules[0].filterList", "\"filterList\"", "no filter list named 'Other hosts'"),
        Case("missing action", "\"filterAction\": \"Secure\"", "\"filterAction\": \"Permit\"", "$.policy.rules[0].filterAction", "\"filterAction\"", "no filter action named 'Permit'"),
        Case("duplicate property", "\"kind\": \"Kerberos\"", "\"kind\": \"Kerberos\", \"kind\": \"Kerberos\"", "$.policy.rules[0].authMethods[0].kind", "\"kind\"", "appears twice"),
        Case("misplaced property", "\"kind\": \"Kerberos\"", "\"kind\": \"Kerberos\", \"certificateAuthority\": \"CN=X\"", "$.policy.rules[0].authMethods[0].certificateAuthority", "\"certificateAuthority\"", "applies only to kind Certificate"),
        Case("wildcard name", "\"name\": \"Partner\"", "\"name\": \"Partner*\"", "$.policy.name", "\"name\": \"Partner*\"", "wildcard"),
        Case("newer format", "\"formatVersion\": 1", "\"formatVersion\": 2", "$.formatVersion", "\"formatVersion\"", "newer than this module reads"),
        Case("validation: negotiate needs mirrored filters", "\"destinationPort\": 443 }", "\"destinationPort\": 443, \"mirrored\": false }", "$.policy.rules[0]", RuleObject, "NegotiateRequiresMirroredFilters"),
        Case("validation: ports need TCP or UDP", "\"protocol\": \"TCP\"", "\"protocol\": \"ICMP\"", "$.filterLists[0].filters[0]", "\"sourceAddress\"", "PortsRequireTcpOrUdp"),
        Case("validation: negotiate needs auth", "\"authMethods\": [ { \"kind\": \"Kerberos\" } ]", "\"authMethods\": [ ]", "$.policy.rules[0]", RuleObject, "NegotiateRequiresAuthMethod"),
        Case("validation: tunnel filters are address-only", "\"authMethods\": [ { \"kind\": \"Kerberos\" } ]", "\"authMethods\": [ { \"kind\": \"Kerberos\" } ], \"tunnelEndpoint\": \"198.51.100.1\"", "$.policy.rules[0]", RuleObject, "TunnelFilterNotAddressOnly"),
        Case("bad tunnel endpoint", "\"authMethods\": [ { \"kind\": \"Kerberos\" } ]", "\"authMethods\": [ { \"kind\": \"Kerberos\" } ], \"tunnelEndpoint\": \"10.0.0.0/8\"", "$.policy.rules[0].tunnelEndpoint", "\"tunnelEndpoint\"", "not an IPv4 or IPv6 address"),
        Case("duplicate auth method id", "{ \"kind\": \"Kerberos\" }", "{ \"id\": \"3f0f7c2e-5b7a-4d7e-9a51-1c3b2f6a9e41\", \"kind\": \"Kerberos\" }, { \"id\": \"3f0f7c2e-5b7a-4d7e-9a51-1c3b2f6a9e41\", \"kind\": \"Kerberos\" }", "$.policy.rules[0].authMethods[1].id", "\"authMethods\"", "used twice"),
        Case("key method without key", "{ \"kind\": \"Kerberos\" }", "{ \"kind\": \"PreSharedKey\" }", "$.policy.rules[0].authMethods[0]", "\"authMethods\"", "carries no key", ErrorIds.EmptyPreSharedKey),
        Case("empty key", "{ \"kind\": \"Kerberos\" }", "{ \"kind\": \"PreSharedKey\", \"preSharedKey\": \"   \" }", "$.policy.rules[0].authMethods[0].preSharedKey", "\"authMethods\"", "cannot be empty", ErrorIds.EmptyPreSharedKey),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_document_is_refused_with_path_line_and_reason_and_changes_nothing(
        string name, string find, string replace, string errorId, string jsonPath, string lineText, string reason)
    {
        Assert.Contains(find, Good);
        var text = Good.Replace(find, replace);
        var store = new PolicyStore(directory);
        store.Update(d => d.Configuration.IkeLogging = true);
        var before = Snapshot();

        var error = Assert.Throws<PolicyException>(() => store.Import(PolicyDocumentReader.Read(text, "partner.json"), DateTimeOffset.UtcNow));

        Assert.True(error.ErrorId == errorId, $"{name}: {error.ErrorId}: {error.Message}");
        var problem = Assert.IsType<ImportProblem>(error.Target);
        Assert.Equal(jsonPath, problem.JsonPath);
        Assert.Equal(LineOf(text, lineText), problem.Line);
        Assert.Contains(reason, problem.Reason);
        Assert.Equal($"partner.json: line {problem.Line}: {jsonPath}: {problem.Reason}", error.Message);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void The_good_document_imports()
    {
        var plan = new PolicyStore(directory).Import(PolicyDocumentReader.Read(Good, "partner.json"), DateTimeOffset.UtcNow);

        Assert.Equal(3, plan.Items.Count);
        Assert.NotNull(new PolicyStore(directory).Read().FindPolicy("Partner"));
    }

    [Fact]
    public void A_document_that_breaks_another_policy_through_a_shared_list_points_at_the_list()
    {
        var store = new PolicyStore(directory);
        store.Import(PolicyDocumentReader.Read(Good, "partner.json"), DateTimeOffset.UtcNow);
        var other = Good.Replace("\"name\": \"Partner\"", "\"name\": \"Other\"")
            .Replace("\"destinationPort\": 443 }", "\"destinationPort\": 443 }, { \"sourceAddress\": \"Me\", \"destinationAddress\": \"192.0.2.11\", \"mirrored\": false }")
            .Replace("\"action\": \"Negotiate\"", "\"action\": \"Negotiate\"");
        var before = Snapshot();

        var error = Assert.Throws<PolicyException>(() => store.Import(PolicyDocumentReader.Read(other, "other.json"), DateTimeOffset.UtcNow));

        var problem = Assert.IsType<ImportProblem>(error.Target);
        Assert.Equal(ErrorIds.ImportInvalid, error.ErrorId);
        Assert.Equal("$.policy.rules[0]", problem.JsonPath); // Other's own rule breaks first
        Assert.Equal(before, Snapshot());

        // Partner's rule breaks through the shared list when Other's own rule permits.
        var permitting = other.Replace("\"filterAction\": \"Secure\"", "\"filterAction\": \"Open\"")
            .Replace("\"filterActions\": [", "\"filterActions\": [ { \"name\": \"Open\", \"action\": \"Permit\" },");
        error = Assert.Throws<PolicyException>(() => store.Import(PolicyDocumentReader.Read(permitting, "other.json"), DateTimeOffset.UtcNow));
        problem = Assert.IsType<ImportProblem>(error.Target);
        Assert.Equal("$.filterLists[0]", problem.JsonPath);
        Assert.Contains("Policy 'Partner' / Rule 'To partner'", problem.Reason);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_reason_never_quotes_a_key()
    {
        var broken = Good.Replace("{ \"kind\": \"Kerberos\" }", "{ \"kind\": \"PreSharedKey\", \"preSharedKey\": \"s3cret\"x }");

        var error = Assert.Throws<PolicyException>(() => PolicyDocumentReader.Read(broken, "partner.json"));

        Assert.Equal(ErrorIds.ImportInvalid, error.ErrorId);
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.DoesNotContain("'x'", error.Message);
        Assert.Contains("column", error.Message);
    }

    [Fact]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_accepted()
    {
        var text = "\uFEFF// Partner policy\n" + Good.Replace("\"destinationPort\": 443 }", "\"destinationPort\": 443, /* https */ },");
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF'))).ToArray();

        var document = PolicyDocumentReader.Read(bytes, "partner.json");

        Assert.Equal("Partner", document.Policy.Name);
    }

    private static object[] Case(string name, string find, string replace, string jsonPath, string lineText, string reason, string errorId = ErrorIds.ImportInvalid) =>
        new object[] { name, find, replace, errorId, jsonPath, lineText, reason };

    private static int LineOf(string text, string marker)
    {
        var next = marker.StartsWith("+1 ", StringComparison.Ordinal) ? 1 : 0;
        marker = next == 1 ? marker.Substring(3) : marker;
        return text.Substring(0, text.IndexOf(marker, StringComparison.Ordinal)).Count(c => c == '\n') + 1 + next;
    }

    private string Snapshot() => string.Join("\n---\n", Directory.EnumerateFiles(directory).OrderBy(f => f).Select(f => Path.GetFileName(f) + "\n" + File.ReadAllText(f)));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
