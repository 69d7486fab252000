using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace IpSecPolicy.Shell.Demo;

/// <summary>
/// The main job on an embedded default: two network namespaces, the partner host-to-host policy
/// from the examples on each side, an engine in each, traffic between them, the SAs that carry it
/// (Get-IpSecMainModeSA, Get-IpSecQuickModeSA), then everything removed. Each step is the shell
/// itself run inside a namespace (ip netns exec), so the cmdlets find that namespace's engine as an
/// administrator's would.
/// </summary>
internal static class EngineDemo
{
    private const string PreSharedKeyNote = "the example's pre-shared key";

    /// <summary>Why the demo cannot run here, or null when it can (Linux, root, ip and nft).</summary>
    public static string? MissingPrerequisite()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the engine runs on Linux";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "it needs root (network namespaces, nftables, a TUN device)";
        }

        foreach (var program in new[] { "ip", "nft" })
        {
            if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(directory => File.Exists(Path.Combine(directory, program))))
            {
                return $"'{program}' is not installed (apt-get install {(program == "ip" ? "iproute2" : "nftables")})";
            }
        }

        return null;
    }

    public static int Run(TextWriter output)
    {
        using var network = DemoNetwork.Create(output);
        var steps = WriteSteps(network.Scratch);
        var shell = Path.Combine(AppContext.BaseDirectory, "ipsecpolicy-shell.dll");
        var sides = new[]
        {
            (Space: network.NamespaceA, Interface: "veth-a", Partner: DemoNetwork.AddressB, Name: "a"),
            (Space: network.NamespaceB, Interface: "veth-b", Partner: DemoNetwork.AddressA, Name: "b"),
        };

        var failed = false;
        try
        {
            foreach (var side in sides)
            {
                output.WriteLine();
                output.WriteLine($"=== {side.Space}: the partner policy (examples/partner-host-to-host.ps1, {PreSharedKeyNote}) for {side.Partner}");
                failed |= network.Run(side.Space, Store(network, side.Name), "dotnet", shell, "--example", "partner-host-to-host.ps1", "-PartnerAddress", side.Partner) != 0;
            }

            foreach (var side in sides)
            {
                output.WriteLine();
                output.WriteLine($"=== {side.Space}: Start-IpSecEngine -InterfaceAlias {side.Interface}");
                failed |= network.Run(side.Space, Store(network, side.Name), "dotnet", shell, steps["start-engine.ps1"],
                    "-Interface", side.Interface, "-StateDirectory", Path.Combine(network.Scratch, side.Name, "state")) != 0;
            }

            if (!failed)
            {
                output.WriteLine();
                output.WriteLine($"=== {network.NamespaceA}: traffic to {DemoNetwork.AddressB}, secured by IKE main mode + quick mode and ESP");
                failed |= network.Run(network.NamespaceA, Store(network, "a"), "dotnet", shell, steps["traffic.ps1"], "-Partner", DemoNetwork.AddressB) != 0;
            }

            foreach (var side in sides)
            {
                output.WriteLine();
                output.WriteLine($"=== {side.Space}: Stop-IpSecEngine");
                network.Run(side.Space, Store(network, side.Name), "dotnet", shell, steps["stop-engine.ps1"]);
            }
        }
        finally
        {
            output.WriteLine();
            output.WriteLine("Removing the namespaces, their engines' state and the stores.");
        }

        return failed ? 1 : 0;
    }

    private static Dictionary<string, string> Store(DemoNetwork network, string side) =>
        new() { ["IPSECPOLICY_STORE"] = Path.Combine(network.Scratch, side, "store") };

    /// <summary>The embedded step scripts, written to the scratch directory for the child shells.</summary>
    private static Dictionary<string, string> WriteSteps(string directory)
    {
        var steps = new Dictionary<string, string>();
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Demo.", StringComparison.Ordinal)))
        {
            var name = resource["Demo.".Length..];
            var path = Path.Combine(directory, name);
            using (var stream = assembly.GetManifestResourceStream(resource)!)
            using (var file = File.Create(path))
            {
                stream.CopyTo(file);
            }

            steps[name] = path;
        }

        return steps;
    }
}
