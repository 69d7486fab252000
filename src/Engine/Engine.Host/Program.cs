using System;
using System.Threading.Tasks;
using Engine.Host.Lifecycle;
using Engine.Host.Options;
using Engine.Platform.Linux.Crypto;
using Engine.Platform.Linux.Symmetric;

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

        // MODP Diffie-Hellman through OpenSSL's libcrypto, an order of magnitude faster than the managed
        // arithmetic (docs/benchmarks.md); without a usable libcrypto 3 the managed one stays.
        LibCryptoModpProvider.TryRegister();

        // ECDH (groups 19-21) on libcrypto's points directly: .NET builds and checks a key object
        // for every peer value; without a usable libcrypto 3, .NET's ECDiffieHellman stays.
        LibCryptoEcpProvider.TryRegister();

        // AES-CBC and HMAC-SHA on libcrypto directly: no .NET wrappers around each SA's OpenSSL
        // context, and an HMAC key kept as two hash states instead of an OpenSSL HMAC context (memory
        // per VPN session, bench/results/vpn-sessions.md); without a usable libcrypto 3, .NET's stay.
        LibCryptoSymmetricProvider.TryRegister();
        return await EngineRunner.RunAsync(commandLine.Options);
    }
}
