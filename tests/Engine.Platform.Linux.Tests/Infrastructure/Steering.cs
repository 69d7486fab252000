using System.Net;
using Engine.Platform.Linux.Namespaces;
using Engine.Platform.Linux.Nftables;
using Engine.Platform.Linux.Routing;
using Engine.Platform.Linux.Tun;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>Sets a namespace up the way the engine will: a TUN device, policy routing into it, and enforcement rules.</summary>
internal static class Steering
{
    internal const string TunName = "ipsectest0";

    /// <summary>Creates the TUN device in the host's namespace and routes marked packets into it.</summary>
    internal static LinuxTunDevice CreateTun(DisposableNetworkNamespace host, TunDeviceOptions? options = null)
    {
        LinuxTunDevice tun = host.Run(() => LinuxTunDevice.Create(options ?? new TunDeviceOptions { Name = TunName }));
        new PolicyRouter(PolicyRoutingOptions.Default, host.Name).Install(tun.Name);
        return tun;
    }

    /// <summary>Every packet to <paramref name="peer"/> is marked for the TUN device.</summary>
    internal static EnforcementRuleset SecureEverythingTo(IPAddress peer) => new()
    {
        TunInterfaceName = TunName,
        Rules =
        [
            new EnforcementRule
            {
                Direction = TrafficDirection.Outbound,
                Verdict = EnforcementVerdict.MarkForTun,
                Destination = AddressMatch.Host(peer),
                Comment = "secure to peer",
            },
        ],
    };
}
