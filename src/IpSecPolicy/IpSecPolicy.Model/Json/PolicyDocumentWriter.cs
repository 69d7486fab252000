using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Json;

/// <summary>
/// Writes the policy document format (docs/policy-format.md). Every setting is written, defaults
/// included, so a document reads on its own; timestamps are not, so exporting an unchanged policy
/// twice gives the same bytes and policy-as-code diffs show only real changes.
/// </summary>
public static class PolicyDocumentWriter
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        // A file, not HTML: keep '+' in AH[SHA1]+ESP[...] and '<', '>' in names readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The document for <paramref name="policyName"/>: the policy and the filter lists and filter
    /// actions its rules use, in the order the rules first use them. With
    /// <paramref name="secrets"/> (an -IncludeSecret export), every pre-shared key method carries
    /// its key; without, none does.
    /// </summary>
    public static string Write(StoreDocument store, string policyName, IReadOnlyDictionary<Guid, string>? secrets = null)
    {
        var policy = store.GetPolicy(policyName);
        var lists = policy.Rules.Select(r => r.FilterList).Distinct(StringComparer.OrdinalIgnoreCase).Select(store.GetFilterList).ToList();
        var actions = policy.Rules.Select(r => r.FilterAction).Distinct(StringComparer.OrdinalIgnoreCase).Select(store.GetFilterAction).ToList();
        var keys = secrets is null ? null : new KeyWriter(secrets, policy);
        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", PolicyDocument.CurrentFormatVersion);
            writer.WritePropertyName("policy");
            WritePolicy(writer, policy, withIds: true, keys);
            writer.WriteStartArray("filterLists");
            lists.ForEach(list => WriteFilterList(writer, list));
            writer.WriteEndArray();
            writer.WriteStartArray("filterActions");
            actions.ForEach(action => WriteFilterAction(writer, action));
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>The canonical text of each top-level property of a policy, without ids and keys (for comparing).</summary>
    internal static IReadOnlyDictionary<string, string> Properties(Policy policy) => PropertiesOf(w => WritePolicy(w, policy, withIds: false, keys: null));

    internal static IReadOnlyDictionary<string, string> Properties(FilterList list) => PropertiesOf(w => WriteFilterList(w, list));

    internal static IReadOnlyDictionary<string, string> Properties(FilterAction action) => PropertiesOf(w => WriteFilterAction(w, action));

    private static void WritePolicy(Utf8JsonWriter writer, Policy policy, bool withIds, KeyWriter? keys)
    {
        writer.WriteStartObject();
        writer.WriteString("name", policy.Name);
        WriteDescription(writer, policy.Description);
        WriteStrings(writer, "mainModeSecurityMethods", policy.MainModeSecurityMethods.Select(m => m.ToString()));
        writer.WriteNumber("mainModeLifetimeMinutes", policy.MainModeLifetimeMinutes);
        writer.WriteNumber("mainModeQuickModeLimit", policy.MainModeQuickModeLimit);
        writer.WriteBoolean("mainModePfs", policy.MainModePfs);
        writer.WriteNumber("pollingIntervalMinutes", policy.PollingIntervalMinutes);

        var response = policy.DefaultResponseRule;
        writer.WriteStartObject("defaultResponseRule");
        writer.WriteBoolean("active", response.Active);
        WriteStrings(writer, "securityMethods", response.SecurityMethods.Select(m => m.ToString()));
        WriteAuthMethods(writer, response.AuthMethods, withIds, keys, $"{Validation.Targets.Of(policy)} / DefaultResponseRule");
        writer.WriteBoolean("sessionKeyPfs", response.SessionKeyPfs);
        writer.WriteEndObject();

        writer.WriteStartArray("rules");
        foreach (var rule in policy.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("name", rule.Name);
            WriteDescription(writer, rule.Description);
            writer.WriteString("filterList", rule.FilterList);
            writer.WriteString("filterAction", rule.FilterAction);
            WriteAuthMethods(writer, rule.AuthMethods, withIds, keys, Validation.Targets.Of(policy, rule));
            if (rule.TunnelEndpoint is not null)
            {
                writer.WriteString("tunnelEndpoint", rule.TunnelEndpoint.ToString());
            }

            writer.WriteString("connectionType", rule.ConnectionType.ToString());
            writer.WriteBoolean("active", rule.Active);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAuthMethods(Utf8JsonWriter writer, IEnumerable<AuthMethod> methods, bool withIds, KeyWriter? keys, string owner)
    {
        writer.WriteStartArray("authMethods");
        foreach (var method in methods)
        {
            writer.WriteStartObject();
            if (withIds)
            {
                writer.WriteString("id", method.Id.ToString("D"));
            }

            writer.WriteString("kind", method.Kind.ToString());
            if (method.Kind == AuthMethodKind.Certificate)
            {
                writer.WriteString("certificateAuthority", method.CertificateAuthority);
                writer.WriteBoolean("certificateMapping", method.CertificateMapping);
                writer.WriteBoolean("excludeCAName", method.ExcludeCAName);
            }

            if (method.Kind == AuthMethodKind.PreSharedKey && keys is not null)
            {
                writer.WriteString("preSharedKey", keys.KeyOf(method, owner));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteFilterList(Utf8JsonWriter writer, FilterList list)
    {
        writer.WriteStartObject();
        writer.WriteString("name", list.Name);
        WriteDescription(writer, list.Description);
        writer.WriteStartArray("filters");
        foreach (var filter in list.Filters)
        {
            writer.WriteStartObject();
            writer.WriteString("sourceAddress", filter.SourceAddress.ToString());
            writer.WriteString("destinationAddress", filter.DestinationAddress.ToString());
            writer.WriteString("protocol", filter.Protocol.ToString());
            writer.WriteNumber("sourcePort", filter.SourcePort);
            writer.WriteNumber("destinationPort", filter.DestinationPort);
            writer.WriteBoolean("mirrored", filter.Mirrored);
            WriteDescription(writer, filter.Description);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFilterAction(Utf8JsonWriter writer, FilterAction action)
    {
        writer.WriteStartObject();
        writer.WriteString("name", action.Name);
        WriteDescription(writer, action.Description);
        writer.WriteString("action", action.Action.ToString());
        WriteStrings(writer, "securityMethods", action.SecurityMethods.Select(m => m.ToString()));
        writer.WriteBoolean("allowUnsecuredInbound", action.AllowUnsecuredInbound);
        writer.WriteBoolean("fallbackToClear", action.FallbackToClear);
        writer.WriteBoolean("sessionKeyPfs", action.SessionKeyPfs);
        writer.WriteEndObject();
    }

    private static void WriteDescription(Utf8JsonWriter writer, string? description)
    {
        if (description is not null)
        {
            writer.WriteString("description", description);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static IReadOnlyDictionary<string, string> PropertiesOf(Action<Utf8JsonWriter> write)
    {
        using var document = JsonDocument.Parse(Json(write));
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
    }

    /// <summary>Looks keys up for an -IncludeSecret export; a key the store lost is an error, not an empty string.</summary>
    private sealed class KeyWriter
    {
        private readonly IReadOnlyDictionary<Guid, string> secrets;
        private readonly Policy policy;

        public KeyWriter(IReadOnlyDictionary<Guid, string> secrets, Policy policy)
        {
            this.secrets = secrets;
            this.policy = policy;
        }

        public string KeyOf(AuthMethod method, string owner)
        {
            if (method.PreSharedKey is { HasValue: true } unsaved)
            {
                return unsaved.Reveal();
            }

            return secrets.TryGetValue(method.Id, out var key)
                ? key
                : throw new PolicyException(ErrorIds.StoreCorrupt, PolicyErrorCategory.InvalidData,
                    $"{owner}: the pre-shared key of auth method {method.Id} is missing from the store's secret file; set the key again.", policy.Name);
        }
    }
}
