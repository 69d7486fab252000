using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace IpSecPolicy.Shell;

/// <summary>
/// <c>ipsecpolicy-shell [script.ps1 [args...]]</c>: runs the script with the module loaded. With no
/// script it runs the demos where it can (Linux, root, ip and nft): the engine demo (two network
/// namespaces, SAs, traffic), then the L2TP/IPsec gateway demo (gateway, LAN host and client);
/// else the policy tour (examples/tour.ps1) against a throw-away store.
/// </summary>
public static class Program
{
    public const string DefaultExample = "tour.ps1";
    public const string EngineDemoOption = "--engine-demo";
    public const string VpnGatewayDemoOption = "--vpn-gateway-demo";

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help" or "-?")
        {
            Console.WriteLine("usage: ipsecpolicy-shell [script.ps1 [arguments...]]");
            Console.WriteLine($"       ipsecpolicy-shell --list-examples | --example NAME [arguments...] | {EngineDemoOption} | {VpnGatewayDemoOption}");
            Console.WriteLine("Runs a PowerShell script with the IpSecPolicy module loaded. With no script: the engine demo");
            Console.WriteLine("(two network namespaces, IPsec between them), then the L2TP/IPsec VPN gateway demo (a gateway,");
            Console.WriteLine("a LAN host and a client); they need root, ip and nft, else the policy tour runs.");
            return 0;
        }

        if (args.Length > 0 && args[0] == "--list-examples")
        {
            foreach (var name in ExampleNames())
            {
                Console.WriteLine(name);
            }

            return 0;
        }

        if (args.Length == 0 || args[0] is EngineDemoOption or VpnGatewayDemoOption)
        {
            if (Demo.DemoNetwork.MissingPrerequisite() is { } missing)
            {
                if (args.Length > 0)
                {
                    Console.WriteLine($"The {(args[0] == EngineDemoOption ? "engine" : "VPN gateway")} demo cannot run here: {missing}.");
                    return 2;
                }

                Console.WriteLine($"The demos cannot run here: {missing}. Running the policy tour instead.");
                Console.WriteLine();
                return RunExample(DefaultExample, []);
            }

            return args.Length == 0 ? RunBothDemos() : args[0] == EngineDemoOption ? Demo.EngineDemo.Run(Console.Out) : Demo.VpnGatewayDemo.Run(Console.Out);
        }

        if (args[0] == "--example")
        {
            return RunExample(args.Length > 1 ? args[1] : DefaultExample, args.Skip(2).ToArray());
        }

        var path = args[0];
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No such script: {path}");
            return 2;
        }

        return ScriptRunner.Run(File.ReadAllText(path), path, args.Skip(1).ToArray());
    }

    /// <summary>The engine demo, then the gateway demo; each cleans up after itself, so the second runs whatever the first did.</summary>
    private static int RunBothDemos()
    {
        var engine = Demo.EngineDemo.Run(Console.Out);
        Console.WriteLine();
        Console.WriteLine($"Next, the L2TP/IPsec VPN gateway demo (alone: ipsecpolicy-shell {VpnGatewayDemoOption}).");
        Console.WriteLine();
        var gateway = Demo.VpnGatewayDemo.Run(Console.Out);
        return engine != 0 ? engine : gateway;
    }

    private static int RunExample(string name, string[] arguments)
    {
        var text = ReadExample(name);
        if (text is null)
        {
            Console.Error.WriteLine($"There is no built-in example '{name}'. Try --list-examples.");
            return 2;
        }

        return WithScratchStore(() => ScriptRunner.Run(text, Path.Combine(AppContext.BaseDirectory, name), arguments));
    }

    /// <summary>Built-in examples run on their own store, so a demo never touches the host's policy.</summary>
    private static int WithScratchStore(Func<int> run)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IPSECPOLICY_STORE")))
        {
            return run();
        }

        var scratch = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-demo-{Guid.NewGuid():N}");
        Environment.SetEnvironmentVariable("IPSECPOLICY_STORE", scratch);
        try
        {
            return run();
        }
        finally
        {
            Environment.SetEnvironmentVariable("IPSECPOLICY_STORE", null);
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static string[] ExampleNames() => Assembly.GetExecutingAssembly().GetManifestResourceNames()
        .Where(n => n.StartsWith("Examples.", StringComparison.Ordinal))
        .Select(n => n.Substring("Examples.".Length))
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToArray();

    private static string? ReadExample(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Examples." + name);
        return stream is null ? null : new StreamReader(stream).ReadToEnd();
    }
}
