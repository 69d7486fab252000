using System;
using System.Globalization;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace StoreWriter;

/// <summary>
/// Usage:
///   StoreWriter STORE filterlist NAME          adds one filter list NAME, then prints "added NAME".
///   StoreWriter STORE policies PREFIX COUNT     adds policies PREFIX-0 .. PREFIX-(COUNT-1), one
///       commit each, every one with a pre-shared key "key-NAME" (so each commit writes the secret
///       file too), and after every second one removes the policy added two before it (so keys are
///       pruned). Prints "added NAME" / "removed NAME" after each commit.
///   StoreWriter STORE vpnuser NAME ADDRESS       adds VPN user NAME with password "pw-NAME" and
///       static address ADDRESS, then prints "added NAME".
///   StoreWriter STORE vpnusers PREFIX COUNT      adds VPN users PREFIX-0 .. PREFIX-(COUNT-1) with
///       passwords "pw-NAME", one commit each, and after every second one removes the user added
///       two before it. Prints "added NAME" / "removed NAME" after each commit.
/// A line is printed only after the commit returned: everything printed is committed.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            if (args.Length == 3 && args[1] == "filterlist")
            {
                AddFilterList(new PolicyStore(args[0]), args[2]);
                return 0;
            }

            if (args.Length == 4 && args[1] == "policies")
            {
                AddPolicies(new PolicyStore(args[0]), args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
                return 0;
            }

            if (args.Length == 4 && args[1] == "vpnuser")
            {
                AddVpnUser(new VpnUserStore(new PolicyStore(args[0])), args[2], args[3]);
                return 0;
            }

            if (args.Length == 4 && args[1] == "vpnusers")
            {
                AddVpnUsers(new VpnUserStore(new PolicyStore(args[0])), args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
                return 0;
            }

            Console.Error.WriteLine("usage: StoreWriter STORE filterlist NAME | StoreWriter STORE policies PREFIX COUNT"
                + " | StoreWriter STORE vpnuser NAME ADDRESS | StoreWriter STORE vpnusers PREFIX COUNT");
            return 2;
        }
        catch (PolicyException e)
        {
            Console.Error.WriteLine($"{e.ErrorId}: {e.Message}");
            return 1;
        }
    }

    private static void AddFilterList(PolicyStore store, string name)
    {
        store.Update(document => document.FilterLists.Add(new FilterList
        {
            Name = name,
            Filters = { new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Parse("10.0.0.0/8") } },
            LastModified = DateTimeOffset.UtcNow,
        }));
        Console.WriteLine($"added {name}");
    }

    private static void AddPolicies(PolicyStore store, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var name = $"{prefix}-{i}";
            store.Update(document =>
            {
                var policy = new Policy { Name = name, Description = new string('x', 2000) };
                policy.DefaultResponseRule.AuthMethods.Insert(0, AuthMethod.ForPreSharedKey($"key-{name}"));
                document.AddPolicy(policy, DateTimeOffset.UtcNow);
            });
            Console.WriteLine($"added {name}");

            if (i % 2 == 1 && i >= 2)
            {
                var old = $"{prefix}-{i - 2}";
                store.Update(document => document.RemovePolicy(old, force: true));
                Console.WriteLine($"removed {old}");
            }
        }
    }

    private static void AddVpnUser(VpnUserStore store, string name, string address)
    {
        store.Update(users => users.AddVpnUser(new VpnUser { Name = name, StaticAddress = VpnUserRules.ParseStaticAddress(address) },
            new Secret($"pw-{name}"), DateTimeOffset.UtcNow));
        Console.WriteLine($"added {name}");
    }

    private static void AddVpnUsers(VpnUserStore store, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var name = $"{prefix}-{i}";
            store.Update(users => users.AddVpnUser(new VpnUser { Name = name, Description = new string('x', 2000) },
                new Secret($"pw-{name}"), DateTimeOffset.UtcNow));
            Console.WriteLine($"added {name}");

            if (i % 2 == 1 && i >= 2)
            {
                var old = $"{prefix}-{i - 2}";
                store.Update(users => users.RemoveVpnUser(old));
                Console.WriteLine($"removed {old}");
            }
        }
    }
}
