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
        var builder = new StringBuilder();
        Append(builder, "configuration", document.Configuration);
        Append(builder, "gateway", document.VpnGateway);
        Append(builder, "connection", document.VpnConnection);
        if (document.VpnConnection is { } connection && preSharedKeys.TryGetValue(connection.PasswordId, out var password))
        {
            builder.Append("password ").Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)))).Append('\n');
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
                    builder.Append("key ").Append(method.Id).Append(' ')
                        .Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))).Append('\n');
                }
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    private static IEnumerable<AuthMethod> AuthMethods(Policy policy) =>
        policy.Rules.SelectMany(r => r.AuthMethods).Concat(policy.DefaultResponseRule.AuthMethods);

    private static void Append<T>(StringBuilder builder, string label, T? value)
        where T : class =>
        builder.Append(label).Append(' ').Append(value is null ? "null" : JsonSerializer.Serialize(value, PolicyJson.Options)).Append('\n');
}
