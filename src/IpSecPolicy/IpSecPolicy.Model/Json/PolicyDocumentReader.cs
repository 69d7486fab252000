using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Json;

/// <summary>
/// Reads the policy document format strictly: malformed JSON, an unknown or repeated property, a
/// wrong type, a value out of range, an address or method the model cannot parse, a duplicate
/// name, or a rule naming a list or action the document does not hold is refused as ImportInvalid
/// with the JSON path and line (an empty key as EmptyPreSharedKey). Comments and trailing commas
/// are allowed: policy-as-code files are written by people.
/// </summary>
public static class PolicyDocumentReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static PolicyDocument Read(string json, string source) => Read(new UTF8Encoding(false).GetBytes(json), source);

    /// <exception cref="PolicyException">ImportInvalid or EmptyPreSharedKey, with an <see cref="ImportProblem"/> target.</exception>
    public static PolicyDocument Read(byte[] utf8, string source)
    {
        JsonLineIndex lines;
        try
        {
            lines = JsonLineIndex.Build(utf8);
        }
        catch (MalformedJsonException e)
        {
            throw DocumentScope.Problem(new ImportProblem(source, e.Path, e.Line, $"Malformed JSON at column {e.Column}: {e.Reason}"));
        }

        var scope = new DocumentScope(source, lines);
        var byteOrderMark = utf8.Length - JsonLineIndex.WithoutByteOrderMark(utf8).Length;
        using var json = JsonDocument.Parse(utf8.AsMemory(byteOrderMark), DocumentOptions);
        var root = new DocumentNode(scope, json.RootElement, "$").Object("$schema", "formatVersion", "policy", "filterLists", "filterActions");

        root.Optional("$schema")?.String();
        var version = root.Required("formatVersion").Integer(1, int.MaxValue);
        if (version > PolicyDocument.CurrentFormatVersion)
        {
            throw root.Required("formatVersion").Fail(
                $"Format version {version} is newer than this module reads ({PolicyDocument.CurrentFormatVersion}); update the IpSecPolicy module.");
        }

        var lists = root.Optional("filterLists")?.Items().Select(ReadFilterList).ToList() ?? new List<FilterList>();
        var actions = root.Optional("filterActions")?.Items().Select(ReadFilterAction).ToList() ?? new List<FilterAction>();
        RefuseDuplicateNames(root.Optional("filterLists"), lists.Select(l => l.Name), "filter list");
        RefuseDuplicateNames(root.Optional("filterActions"), actions.Select(a => a.Name), "filter action");

        var policyNode = root.Required("policy");
        var policy = ReadPolicy(policyNode);
        RefuseDuplicateNames(policyNode.Optional("rules"), policy.Rules.Select(r => r.Name), "rule");
        RefuseMissingReferences(policyNode.Optional("rules"), policy, lists, actions);
        RefuseDuplicateAuthMethodIds(scope, policy);
        return new PolicyDocument(source, policy, lists, actions, scope);
    }

    private static Policy ReadPolicy(DocumentNode node)
    {
        node.Object("name", "description", "mainModeSecurityMethods", "mainModeLifetimeMinutes", "mainModeQuickModeLimit",
            "mainModePfs", "pollingIntervalMinutes", "defaultResponseRule", "rules");
        var policy = new Policy
        {
            Name = Name(node.Required("name"), "policy"),
            Description = node.Optional("description")?.String(),
        };
        if (node.Optional("mainModeSecurityMethods") is { } methods)
        {
            policy.MainModeSecurityMethods = NonEmpty(methods, "main mode security method").Select(m => m.Parse(MainModeMethod.Parse)).ToList();
        }

        policy.MainModeLifetimeMinutes = (int)(node.Optional("mainModeLifetimeMinutes")?.Integer(1, PolicyOperations.MaxMainModeLifetimeMinutes) ?? Policy.DefaultMainModeLifetimeMinutes);
        policy.MainModeQuickModeLimit = (int)(node.Optional("mainModeQuickModeLimit")?.Integer(0, int.MaxValue) ?? 0);
        policy.MainModePfs = node.Optional("mainModePfs")?.Boolean() ?? false;
        policy.PollingIntervalMinutes = (int)(node.Optional("pollingIntervalMinutes")?.Integer(0, PolicyOperations.MaxPollingIntervalMinutes) ?? Policy.DefaultPollingIntervalMinutes);
        if (node.Optional("defaultResponseRule") is { } response)
        {
            policy.DefaultResponseRule = ReadDefaultResponseRule(response);
        }

        policy.Rules = node.Optional("rules")?.Items().Select(ReadRule).ToList() ?? new List<Rule>();
        return policy;
    }

    private static DefaultResponseRule ReadDefaultResponseRule(DocumentNode node)
    {
        node.Object("active", "securityMethods", "authMethods", "sessionKeyPfs");
        var rule = new DefaultResponseRule
        {
            Active = node.Optional("active")?.Boolean() ?? true,
            SessionKeyPfs = node.Optional("sessionKeyPfs")?.Boolean() ?? false,
        };
        if (node.Optional("securityMethods") is { } methods)
        {
            rule.SecurityMethods = NonEmpty(methods, "security method").Select(m => m.Parse(SecurityMethod.Parse)).ToList();
        }

        if (node.Optional("authMethods") is { } auth)
        {
            rule.AuthMethods = auth.Items().Select(ReadAuthMethod).ToList();
        }

        return rule;
    }

    private static Rule ReadRule(DocumentNode node)
    {
        node.Object("name", "description", "filterList", "filterAction", "authMethods", "tunnelEndpoint", "connectionType", "active");
        return new Rule
        {
            Name = Name(node.Required("name"), "rule"),
            Description = node.Optional("description")?.String(),
            FilterList = Name(node.Required("filterList"), "filter list"),
            FilterAction = Name(node.Required("filterAction"), "filter action"),
            AuthMethods = node.Optional("authMethods")?.Items().Select(ReadAuthMethod).ToList() ?? new List<AuthMethod>(),
            TunnelEndpoint = node.Optional("tunnelEndpoint")?.Parse(TunnelEndpoint),
            ConnectionType = node.Optional("connectionType")?.Enum<ConnectionType>() ?? ConnectionType.All,
            Active = node.Optional("active")?.Boolean() ?? true,
        };
    }

    private static AuthMethod ReadAuthMethod(DocumentNode node)
    {
        node.Object("id", "kind", "certificateAuthority", "certificateMapping", "excludeCAName", "preSharedKey");
        var kind = node.Required("kind").Enum<AuthMethodKind>();
        var method = new AuthMethod { Kind = kind };
        if (node.Optional("id") is { } id)
        {
            method.Id = id.Parse(text => Guid.TryParseExact(text, "D", out var guid)
                ? guid
                : throw new PolicyException(ErrorIds.InvalidAuthMethod, PolicyErrorCategory.InvalidArgument,
                    $"'{text}' is not an auth method id (a GUID like 3f0f7c2e-5b7a-4d7e-9a51-1c3b2f6a9e41).", text));
        }

        OnlyFor(node, kind, AuthMethodKind.Certificate, "certificateAuthority", "certificateMapping", "excludeCAName");
        OnlyFor(node, kind, AuthMethodKind.PreSharedKey, "preSharedKey");
        switch (kind)
        {
            case AuthMethodKind.Certificate:
                var authority = node.Required("certificateAuthority");
                if (string.IsNullOrWhiteSpace(authority.String()))
                {
                    throw authority.Fail("A certificate method needs the root CA's distinguished name, e.g. 'CN=Contoso Root CA'.", ErrorIds.ImportInvalid);
                }

                method.CertificateAuthority = authority.String().Trim();
                method.CertificateMapping = node.Optional("certificateMapping")?.Boolean() ?? false;
                method.ExcludeCAName = node.Optional("excludeCAName")?.Boolean() ?? false;
                break;
            case AuthMethodKind.PreSharedKey when node.Optional("preSharedKey") is { } keyNode:
                var key = keyNode.String();
                if (key.Trim().Length == 0)
                {
                    throw keyNode.Fail("A pre-shared key cannot be empty. Leave the property out to keep the key the store has.", ErrorIds.EmptyPreSharedKey);
                }

                method.PreSharedKey = new Secret(key);
                break;
        }

        return method;
    }

    private static FilterList ReadFilterList(DocumentNode node)
    {
        node.Object("name", "description", "filters");
        return new FilterList
        {
            Name = Name(node.Required("name"), "filter list"),
            Description = node.Optional("description")?.String(),
            Filters = node.Optional("filters")?.Items().Select(ReadFilter).ToList() ?? new List<Filter>(),
        };
    }

    private static Filter ReadFilter(DocumentNode node)
    {
        node.Object("sourceAddress", "destinationAddress", "protocol", "sourcePort", "destinationPort", "mirrored", "description");
        return new Filter
        {
            SourceAddress = node.Required("sourceAddress").Parse(text => FilterAddress.Parse(text)),
            DestinationAddress = node.Required("destinationAddress").Parse(text => FilterAddress.Parse(text)),
            Protocol = node.Optional("protocol") is { } protocol ? Protocol(protocol) : FilterProtocol.Any,
            SourcePort = (ushort)(node.Optional("sourcePort")?.Integer(0, ushort.MaxValue) ?? 0),
            DestinationPort = (ushort)(node.Optional("destinationPort")?.Integer(0, ushort.MaxValue) ?? 0),
            Mirrored = node.Optional("mirrored")?.Boolean() ?? true,
            Description = node.Optional("description")?.String(),
        };
    }

    private static FilterAction ReadFilterAction(DocumentNode node)
    {
        node.Object("name", "description", "action", "securityMethods", "allowUnsecuredInbound", "fallbackToClear", "sessionKeyPfs");
        return new FilterAction
        {
            Name = Name(node.Required("name"), "filter action"),
            Description = node.Optional("description")?.String(),
            Action = node.Required("action").Enum<FilterActionType>(),
            SecurityMethods = node.Optional("securityMethods")?.Items().Select(m => m.Parse(SecurityMethod.Parse)).ToList() ?? new List<SecurityMethod>(),
            AllowUnsecuredInbound = node.Optional("allowUnsecuredInbound")?.Boolean() ?? false,
            FallbackToClear = node.Optional("fallbackToClear")?.Boolean() ?? false,
            SessionKeyPfs = node.Optional("sessionKeyPfs")?.Boolean() ?? false,
        };
    }

    /// <summary>A protocol as netsh names it ("TCP", "47") or as a number (47).</summary>
    private static FilterProtocol Protocol(DocumentNode node) =>
        node.Element.ValueKind == JsonValueKind.Number
            ? new FilterProtocol((byte)node.Integer(0, 255))
            : node.Parse(FilterProtocol.Parse);

    private static System.Net.IPAddress TunnelEndpoint(string text) => FilterAddress.TryParseIp(text, out var address)
        ? address
        : throw new PolicyException(ErrorIds.InvalidAddress, PolicyErrorCategory.InvalidArgument,
            $"'{text}' is not an IPv4 or IPv6 address; a tunnel endpoint is one address.", text);

    private static string Name(DocumentNode node, string what) => node.Parse(text => Names.Check(text, what));

    private static List<DocumentNode> NonEmpty(DocumentNode node, string what)
    {
        var items = node.Items().ToList();
        return items.Count > 0 ? items : throw node.Fail($"At least one {what} is needed.");
    }

    private static void OnlyFor(DocumentNode node, AuthMethodKind kind, AuthMethodKind owner, params string[] properties)
    {
        foreach (var property in properties)
        {
            if (kind != owner && node.Optional(property) is { } misplaced)
            {
                throw misplaced.Fail($"'{property}' applies only to kind {owner}, not {kind}.");
            }
        }
    }

    private static void RefuseDuplicateNames(DocumentNode? array, IEnumerable<string> names, string what)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                var item = array!.Items().ElementAt(index).Required("name");
                throw item.Fail($"The document already has a {what} named '{name}' (names are case-insensitive).");
            }

            index++;
        }
    }

    private static void RefuseMissingReferences(DocumentNode? rules, Policy policy, List<FilterList> lists, List<FilterAction> actions)
    {
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            var node = rules!.Items().ElementAt(i);
            if (!lists.Any(l => Store.StoreDocument.Same(l.Name, rule.FilterList)))
            {
                throw node.Required("filterList").Fail(
                    $"The document has no filter list named '{rule.FilterList}'; a policy document carries every list its rules use (add it to filterLists).");
            }

            if (!actions.Any(a => Store.StoreDocument.Same(a.Name, rule.FilterAction)))
            {
                throw node.Required("filterAction").Fail(
                    $"The document has no filter action named '{rule.FilterAction}'; a policy document carries every action its rules use (add it to filterActions).");
            }
        }
    }

    private static void RefuseDuplicateAuthMethodIds(DocumentScope scope, Policy policy)
    {
        var seen = new HashSet<Guid>();
        foreach (var (method, path) in AuthMethodsWithPaths(policy))
        {
            if (!seen.Add(method.Id))
            {
                throw scope.Fail(path + ".id", $"The auth method id {method.Id} is used twice; each method needs its own id (or none).");
            }
        }
    }

    /// <summary>Every auth method of the policy with its JSON path: rules first, then the default response rule.</summary>
    internal static IEnumerable<(AuthMethod Method, string Path)> AuthMethodsWithPaths(Policy policy)
    {
        for (var r = 0; r < policy.Rules.Count; r++)
        {
            for (var m = 0; m < policy.Rules[r].AuthMethods.Count; m++)
            {
                yield return (policy.Rules[r].AuthMethods[m], PolicyDocument.Paths.AuthMethod(PolicyDocument.Paths.Rule(r), m));
            }
        }

        for (var m = 0; m < policy.DefaultResponseRule.AuthMethods.Count; m++)
        {
            yield return (policy.DefaultResponseRule.AuthMethods[m], PolicyDocument.Paths.AuthMethod(PolicyDocument.Paths.DefaultResponseRule, m));
        }
    }
}
