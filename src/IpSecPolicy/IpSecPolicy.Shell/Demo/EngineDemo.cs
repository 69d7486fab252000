using System.IO;

namespace IpSecPolicy.Shell.Demo;

/// <summary>
/// The main job on an embedded default: two network namespaces, the partner host-to-host policy
/// from the examples on each side, an engine in each, traffic between them, the SAs that carry it
/// (Get-IpSecMainModeSA, Get-IpSecQuickModeSA), then everything removed.
/// </summary>
internal static class EngineDemo
{
    public const string AddressA = "192.0.2.1";
    public const string AddressB = "192.0.2.2";
    private const string PreSharedKeyNote = "the example's pre-shared key";

    public static int Run(TextWriter output)
    {
        using var network = new DemoNetwork("engine");
        var sides = new[]
        {
            (Role: "a", Interface: "veth-a", Partner: AddressB),
            (Role: "b", Interface: "veth-b", Partner: AddressA),
        };

        var failed = false;
        try
        {
            output.WriteLine($"Creating namespaces {network.Namespace("a")} ({AddressA}) and {network.Namespace("b")} ({AddressB}), joined by a veth pair.");
            network.AddNamespace("a");
            network.AddNamespace("b");
            network.Link("a", "veth-a", AddressA + "/24", "b", "veth-b", AddressB + "/24");

            foreach (var side in sides)
            {
                output.WriteLine();
                output.WriteLine($"=== {network.Namespace(side.Role)}: the partner policy (examples/partner-host-to-host.ps1, {PreSharedKeyNote}) for {side.Partner}");
                failed |= network.RunShell(side.Role, "--example", "partner-host-to-host.ps1", "-PartnerAddress", side.Partner) != 0;
            }

            foreach (var side in sides)
            {
                output.WriteLine();
                output.WriteLine($"=== {network.Namespace(side.Role)}: Start-IpSecEngine -InterfaceAlias {side.Interface}");
                failed |= network.RunStep(side.Role, "start-engine.ps1", "-Interface", side.Interface, "-StateDirectory", network.StateDirectory(side.Role)) != 0;
            }

            if (!failed)
            {
                output.WriteLine();
                output.WriteLine($"=== {network.Namespace("a")}: traffic to {AddressB}, secured by IKE main mode + quick mode and ESP");
                failed |= network.RunStep("a", "traffic.ps1", "-Partner", AddressB) != 0;
            }

            foreach (var side in sides)
            {
                output.WriteLine();
                output.WriteLine($"=== {network.Namespace(side.Role)}: Stop-IpSecEngine");
                network.RunStep(side.Role, "stop-engine.ps1");
            }
        }
        finally
        {
            output.WriteLine();
            output.WriteLine("Removing the namespaces, their engines' state and the stores.");
        }

        return failed ? 1 : 0;
    }
}
