using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace Engine.Host.Policies;

/// <summary>
/// A digest of everything enforcement depends on: the enforced policy (the assigned one with the
/// VPN rules), the filter lists and filter actions its rules name, the engine-wide configuration,
/// its rules' pre-shared keys, and the VPN gateway's and connection's settings and password. Editing a
/// filter list changes no policy's LastModified, so the agent compares digests rather than dates.
/// Keys enter the digest hashed and the digest itself is only compared, never shown.
/// </summary>
internal static class PolicyFingerprint
{
    public static string Of(StoreDocument document, IReadOnlyDictionary<Guid, string> preSharedKeys)
    {
        var policy = EnforcedPolicy.Of(document);
        // Each part goes into the hash as UTF-8 JSON, straight from the serializer: a policy of
        // 100,000 filters is about 20 MB of it, which as one string (and its UTF-8 copy) cost more
        // than hashing it.
        using var builder = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(builder, "configuration", document.Configuration);
        Append(builder, "gateway", document.VpnGateway);
        Append(builder, "connection", document.VpnConnection);
        if (document.VpnConnection is { } connection && preSharedKeys.TryGetValue(connection.PasswordId, out var password))
        {
            Append(builder, "password " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password))) + "\n");
        }

        if (policy is not null)
        {
            Append(builder, "policy", policy);
            foreach (var rule in policy.Rules)
            {
                Append(builder, "list", document.FindFilterList(rule.FilterList));
                Append(builder, "action", document.FindFilterAction(rule.FilterAction));
            }

            foreach (var method in AuthMethods(policy))
            {
                if (preSharedKeys.TryGetValue(method.Id, out var key))
                {
                    Append(builder, $"key {method.Id} {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}\n");
                }
            }
        }

        return Convert.ToHexString(builder.GetHashAndReset());
    }

    private static IEnumerable<AuthMethod> AuthMethods(Policy policy) =>
        policy.Rules.SelectMany(r => r.AuthMethods).Concat(policy.DefaultResponseRule.AuthMethods);

    private static void Append<T>(IncrementalHash hash, string label, T? value)
        where T : class
    {
        Append(hash, label + " ");
        if (value is null)
        {
            Append(hash, "null");
        }
        else
        {
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(value, PolicyJson.Options));
        }

        Append(hash, "\n");
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}
