using System;
using System.Collections.Generic;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// The objects Windows puts in a new local store (meant as examples): the filter lists All IP
/// Traffic and All ICMP Traffic, the actions Permit, Request Security (Optional) and Require
/// Security, and the policies Client (Respond Only), Server (Request Security) and Secure Server
/// (Require Security).
/// </summary>
public static class PredefinedObjects
{
    public const string AllIpTraffic = "All IP Traffic";
    public const string AllIcmpTraffic = "All ICMP Traffic";
    public const string Permit = "Permit";
    public const string RequestSecurity = "Request Security (Optional)";
    public const string RequireSecurity = "Require Security";
    public const string ClientPolicy = "Client (Respond Only)";
    public const string ServerPolicy = "Server (Request Security)";
    public const string SecureServerPolicy = "Secure Server (Require Security)";

    public static IReadOnlyList<FilterList> FilterLists(DateTimeOffset now) => new[]
    {
        new FilterList
        {
            Name = AllIpTraffic,
            Description = "Matches all IP packets from this computer to any other computer, except broadcast, multicast, Kerberos, RSVP and ISAKMP (IKE).",
            Filters = { new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Any } },
            LastModified = now,
        },
        new FilterList
        {
            Name = AllIcmpTraffic,
            Description = "Matches all ICMP packets between this computer and any other computer.",
            Filters = { new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Any, Protocol = FilterProtocol.Icmp } },
            LastModified = now,
        },
    };

    public static IReadOnlyList<FilterAction> FilterActions(DateTimeOffset now) => new[]
    {
        new FilterAction
        {
            Name = Permit,
            Description = "Permit unsecured IP packets to pass through.",
            Action = FilterActionType.Permit,
            LastModified = now,
        },
        new FilterAction
        {
            Name = RequestSecurity,
            Description = "Accepts unsecured communication, but requests clients to establish trust and security methods. Will communicate insecurely to untrusted clients if they do not respond to request.",
            Action = FilterActionType.Negotiate,
            SecurityMethods = new List<SecurityMethod>(SecurityMethod.Defaults),
            AllowUnsecuredInbound = true,
            FallbackToClear = true,
            LastModified = now,
        },
        new FilterAction
        {
            Name = RequireSecurity,
            Description = "Accepts unsecured communication, but always requires clients to establish trust and security methods. Will NOT communicate with untrusted clients.",
            Action = FilterActionType.Negotiate,
            SecurityMethods = new List<SecurityMethod>(SecurityMethod.Defaults),
            AllowUnsecuredInbound = true,
            LastModified = now,
        },
    };

    public static IReadOnlyList<Policy> Policies(DateTimeOffset now) => WithStableIds(new[]
    {
        new Policy
        {
            Name = ClientPolicy,
            Description = "Communicate normally (unsecured). Use the default response rule to negotiate with servers that request security. Only the requested protocol and port traffic with that server is secured.",
            LastModified = now,
        },
        new Policy
        {
            Name = ServerPolicy,
            Description = "For all IP traffic, always request security using Kerberos trust. Allow unsecured communication with clients that do not respond to request.",
            Rules =
            {
                KerberosRule("All IP Traffic - Request Security", AllIpTraffic, RequestSecurity),
                IcmpPermitRule(),
            },
            LastModified = now,
        },
        new Policy
        {
            Name = SecureServerPolicy,
            Description = "For all IP traffic, always require security using Kerberos trust. Do NOT allow unsecured communication with untrusted clients.",
            Rules =
            {
                KerberosRule("All IP Traffic - Require Security", AllIpTraffic, RequireSecurity),
                IcmpPermitRule(),
            },
            LastModified = now,
        },
    });

    /// <summary>A store as Windows ships it: the predefined objects and no assigned policy.</summary>
    public static StoreDocument NewStore(DateTimeOffset now)
    {
        var document = new StoreDocument();
        document.FilterLists.AddRange(FilterLists(now));
        document.FilterActions.AddRange(FilterActions(now));
        document.Policies.AddRange(Policies(now));
        return document;
    }

    /// <summary>
    /// Gives the predefined policies' auth methods ids derived from where they sit, so that a store
    /// never written exports the same bytes every time and Restore compares like with like.
    /// </summary>
    private static Policy[] WithStableIds(Policy[] policies)
    {
        foreach (var policy in policies)
        {
            foreach (var rule in policy.Rules)
            {
                Number(rule.AuthMethods, $"{policy.Name}/{rule.Name}");
            }

            Number(policy.DefaultResponseRule.AuthMethods, $"{policy.Name}/{DefaultResponseRule.FilterActionName}");
        }

        return policies;
    }

    private static void Number(List<AuthMethod> methods, string place)
    {
        using var md5 = System.Security.Cryptography.MD5.Create();
        for (var i = 0; i < methods.Count; i++)
        {
            // A name-based id in the spirit of RFC 4122 version 3; MD5 is fine for naming, not for security.
            methods[i].Id = new Guid(md5.ComputeHash(System.Text.Encoding.UTF8.GetBytes($"ipsecpolicy-predefined:{place}:{i}")));
        }
    }

    private static Rule KerberosRule(string name, string list, string action) => new()
    {
        Name = name,
        FilterList = list,
        FilterAction = action,
        AuthMethods = { AuthMethod.ForKerberos() },
    };

    private static Rule IcmpPermitRule() => new()
    {
        Name = "All ICMP Traffic - Permit",
        FilterList = AllIcmpTraffic,
        FilterAction = Permit,
        AuthMethods = { AuthMethod.ForKerberos() },
    };
}
