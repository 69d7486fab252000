using System;
using System.Threading.Tasks;
using Engine.Host.Lifecycle;
using Engine.Host.Options;

namespace Engine.Host;

/// <summary><c>ipsecpolicy-engine --interface NAME [options]</c>: see EngineCommandLine.Usage and docs/engine.md.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var commandLine = EngineCommandLine.Parse(args, Environment.GetEnvironmentVariable);
        if (commandLine.ShowHelp)
        {
            Console.WriteLine(EngineCommandLine.Usage);
            return EngineExitCode.Stopped;
        }

        if (commandLine.ShowVersion)
        {
            Console.WriteLine($"ipsecpolicy-engine {EngineRuntime.Version}");
            return EngineExitCode.Stopped;
        }

        if (commandLine.Options is null)
        {
            Console.Error.WriteLine($"ipsecpolicy-engine: {commandLine.Error}");
            Console.Error.WriteLine("Try 'ipsecpolicy-engine --help'.");
            return EngineExitCode.Usage;
        }

        return await EngineRunner.RunAsync(commandLine.Options);
    }
}
