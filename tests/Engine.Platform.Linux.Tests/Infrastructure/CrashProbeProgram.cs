using System;
using System.Net;
using System.Threading;
using Engine.Platform.Linux.Namespaces;
using Engine.Platform.Linux.Nftables;
using Engine.Platform.Linux.Routing;
using Engine.Platform.Linux.Tun;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>
/// The test assembly's entry point. Test runners never call it; the fail-closed test runs
/// <c>dotnet exec Engine.Platform.Linux.Tests.dll crash-probe NAMESPACE PEER</c> to get a process
/// that sets up enforcement the way the engine does and can then be killed with SIGKILL.
/// </summary>
public static class CrashProbeProgram
{
    internal const string Command = "crash-probe";
    internal const string ReadyLine = "ready";
    internal const string TunName = "probe0";

    public static int Main(string[] args)
    {
        if (args.Length != 3 || args[0] != Command)
        {
            Console.Error.WriteLine($"usage: {Command} NAMESPACE PEER-ADDRESS");
            return 2;
        }

        string networkNamespace = args[1];
        IPAddress peer = IPAddress.Parse(args[2]);
        // Created inside the namespace; never disposed: the process dies holding it.
        LinuxTunDevice tun = NetworkNamespace.Run(networkNamespace, () => LinuxTunDevice.Create(new TunDeviceOptions { Name = TunName }));
        new PolicyRouter(PolicyRoutingOptions.Default, networkNamespace).Install(tun.Name);
        new NftablesRulesetApplier(networkNamespace).Apply(Ruleset(peer));
        Console.WriteLine(ReadyLine);
        Thread.Sleep(Timeout.Infinite);
        GC.KeepAlive(tun);
        return 0;
    }

    /// <summary>Everything to and from <paramref name="peer"/> must be secured.</summary>
    internal static EnforcementRuleset Ruleset(IPAddress peer) => new()
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
            new EnforcementRule
            {
                Direction = TrafficDirection.Inbound,
                Verdict = EnforcementVerdict.DropIfNotFromTun,
                Source = AddressMatch.Host(peer),
                Comment = "secure from peer",
            },
        ],
    };
}
