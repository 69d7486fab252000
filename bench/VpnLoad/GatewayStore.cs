using System;
using System.Linq;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// <c>VpnLoad configure</c>: the gateway's store written through the model, as Start-VpnGateway
/// and Add-VpnUser write it, without starting an engine (the benchmark starts its own, to know
/// its process).
/// </summary>
internal static class GatewayStore
{
    public static void Write(string[] args)
    {
        var value = LoadOptions.Reader(args);
        var store = new PolicyStore(value("--store") ?? throw new ArgumentException("--store is required"));
        var now = DateTimeOffset.UtcNow;
        var methods = (value("--auth") ?? "mschapv2").Split(',').Select(text => text.ToLowerInvariant() switch
        {
            "mschapv2" => VpnAuthenticationMethod.MsChapV2,
            "pap" => VpnAuthenticationMethod.Pap,
            "chap" => VpnAuthenticationMethod.Chap,
            _ => throw new ArgumentException($"--auth {text}: mschapv2, pap or chap"),
        }).ToList();
        var gateway = new VpnGateway
        {
            InterfaceAlias = value("--interface") ?? throw new ArgumentException("--interface is required"),
            AddressRange = value("--pool") ?? throw new ArgumentException("--pool is required"),
            MaxSessions = int.Parse(value("--max-sessions") ?? "20000", System.Globalization.CultureInfo.InvariantCulture),
            AuthenticationMethods = methods,
        };
        store.Update(document => document.SetVpnGateway(gateway, new Secret(value("--psk") ?? LoadOptions.DefaultPreSharedKey), now));
        new VpnUserStore(store).Update(users => users.AddVpnUser(new VpnUser { Name = value("--user") ?? LoadOptions.DefaultUser },
            new Secret(value("--password") ?? LoadOptions.DefaultPassword), now));
    }
}
