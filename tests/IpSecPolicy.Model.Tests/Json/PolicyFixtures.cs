using System;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Json;

/// <summary>Store content that uses every object kind and every address, protocol and method form.</summary>
internal static class PolicyFixtures
{
    public const string Everything = "Everything";
    public const string PartnerKey = "partner key with spaces & \"quotes\"";

    /// <summary>Every address form, one per filter, in a list that only permits/blocks (so filters may be one-way).</summary>
    public static readonly string[] Addresses =
    {
        "Me", "Any", "192.0.2.10", "10.0.0.0/8", "10.1.0.5-10.1.0.9", "2001:db8::1", "2001:db8::/32",
        "2001:db8::5-2001:db8::9", "::ffff:192.0.2.1", "fe80::/10", "host.example.com", "Dns", "Wins", "Dhcp", "Gateway",
    };

    public static readonly string[] QuickModeMethods =
    {
        "ESP[AES256,SHA256]:100000k/3600s", "ESP[3DES,SHA1]:50000k/1800s", "ESP[AES128,None]:100000k/3600s",
        "ESP[None,SHA1]:100000k/3600s", "ESP[AESGCM256,None]:100000k/3600s", "ESP[AESGCM128,None]:20480k/300s",
        "ESP[AES192,SHA384]:100000k/3600s", "ESP[DES,MD5]:100000k/3600s", "AH[SHA1]:100000k/3600s", "AH[SHA512]:100000k/172800s",
        "AH[MD5]+ESP[DES,SHA1]:100000k/3600s", "AH[SHA256]+ESP[AES256,None]:100000k/3600s", "AH[SHA1]+ESP[None,None]:100000k/3600s",
    };

    public static readonly string[] MainModeMethods =
    {
        "AES256-SHA256-14", "AES128-SHA1-19", "3DES-SHA1-2", "DES-MD5-1", "AES192-SHA384-20", "AES256-SHA512-21",
        "AES256-SHA256-31", "3DES-SHA1-5", "AES128-SHA256-15", "AES256-SHA256-16",
    };

    public static void AddEverything(StoreDocument d)
    {
        var now = DateTimeOffset.UtcNow;
        var addresses = new FilterList { Name = "Every address", Description = "one filter per address form", LastModified = now };
        foreach (var text in Addresses)
        {
            var address = FilterAddress.Parse(text);
            addresses.Filters.Add(address.IsServerToken
                ? new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = address, Mirrored = false }
                : new Filter { SourceAddress = address, DestinationAddress = FilterAddress.Me, Mirrored = false, Description = $"from {text}" });
        }

        d.FilterLists.Add(addresses);
        d.FilterLists.Add(new FilterList
        {
            Name = "Every protocol",
            Filters =
            {
                new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.0/24"), Protocol = FilterProtocol.Tcp, SourcePort = 0, DestinationPort = 1433 },
                new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.0/24"), Protocol = FilterProtocol.Udp, SourcePort = 500, DestinationPort = 500 },
                new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.0/24"), Protocol = FilterProtocol.Icmp },
                new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.0/24"), Protocol = FilterProtocol.Raw },
                new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.0/24"), Protocol = new FilterProtocol(47) },
                new Filter { DestinationAddress = FilterAddress.Parse("2001:db8:1::/48"), Protocol = new FilterProtocol(58) },
            },
        });
        d.FilterLists.Add(new FilterList
        {
            Name = "Site to site",
            Filters = { new Filter { SourceAddress = FilterAddress.Parse("10.1.0.0/16"), DestinationAddress = FilterAddress.Parse("10.2.0.0/16") } },
        });
        d.FilterLists.Add(new FilterList
        {
            Name = "IPv6 site",
            Filters = { new Filter { SourceAddress = FilterAddress.Parse("2001:db8:a::/48"), DestinationAddress = FilterAddress.Parse("2001:db8:b::/48") } },
        });

        d.FilterActions.Add(new FilterAction { Name = "Block all", Description = "drop", Action = FilterActionType.Block });
        d.FilterActions.Add(new FilterAction
        {
            Name = "Every method",
            Action = FilterActionType.Negotiate,
            SecurityMethods = Array.ConvertAll(QuickModeMethods, SecurityMethod.Parse).ToList(),
            AllowUnsecuredInbound = true,
            FallbackToClear = true,
            SessionKeyPfs = true,
        });

        var policy = new Policy
        {
            Name = Everything,
            Description = "Every object kind and every form",
            MainModeSecurityMethods = Array.ConvertAll(MainModeMethods, MainModeMethod.Parse).ToList(),
            MainModeLifetimeMinutes = 60,
            MainModeQuickModeLimit = 5,
            MainModePfs = true,
            PollingIntervalMinutes = 30,
            DefaultResponseRule =
            {
                Active = false,
                SessionKeyPfs = true,
                SecurityMethods = { SecurityMethod.Parse("AH[SHA1]") },
                AuthMethods = { AuthMethod.ForCertificate("CN=Contoso Root CA, O=Contoso", mapping: true, excludeCAName: true) },
            },
            Rules =
            {
                new Rule { Name = "Permit addresses", FilterList = "Every address", FilterAction = "Permit", ConnectionType = ConnectionType.Lan },
                new Rule { Name = "Block protocols", FilterList = "Every protocol", FilterAction = "Block all", ConnectionType = ConnectionType.RemoteAccess, Active = false, Description = "off for now" },
                new Rule
                {
                    Name = "Secure protocols",
                    FilterList = "Every protocol",
                    FilterAction = "Every method",
                    AuthMethods = { AuthMethod.ForPreSharedKey(PartnerKey), AuthMethod.ForKerberos(), AuthMethod.ForCertificate("CN=Fabrikam CA") },
                },
                new Rule
                {
                    Name = "Tunnel v4",
                    FilterList = "Site to site",
                    FilterAction = "Require Security",
                    TunnelEndpoint = IPAddress.Parse("198.51.100.1"),
                    AuthMethods = { AuthMethod.ForPreSharedKey("tunnel key") },
                },
                new Rule
                {
                    Name = "Tunnel v6",
                    FilterList = "IPv6 site",
                    FilterAction = "Require Security",
                    TunnelEndpoint = IPAddress.Parse("2001:db8:ffff::1"),
                    AuthMethods = { AuthMethod.ForKerberos() },
                },
            },
        };
        d.AddPolicy(policy, now);
    }
}
