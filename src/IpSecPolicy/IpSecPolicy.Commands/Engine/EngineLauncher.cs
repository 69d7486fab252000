using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Finds the engine and starts it detached from the PowerShell session. Where it looks, in order:
/// -EnginePath; <c>$env:IPSECPOLICY_ENGINE</c>; next to the module assembly and in its
/// <c>engine/</c> folder (a packaged module: build.ps1 -Task Package publishes it there);
/// <c>ipsecpolicy-engine</c> on PATH. A path may name the engine's .dll (run with dotnet), its
/// executable, or a folder holding either.
/// </summary>
internal static class EngineLauncher
{
    public const string EnvironmentVariable = "IPSECPOLICY_ENGINE";
    public const string AssemblyFileName = "ipsecpolicy-engine.dll";
    public const string ExecutableFileName = "ipsecpolicy-engine";
    public const string LogFileName = "engine.log";

    /// <summary>
    /// Runs in /bin/sh between this process and the engine: creates the state directory and the
    /// log owner-only, points the engine's stdin at /dev/null and its console at the log, and makes
    /// it a session of its own (setsid) so that the terminal's Ctrl+C and hang-up do not reach it.
    /// exec keeps the process id, so the process started here is the engine. $1 is the state directory.
    /// </summary>
    private const string LaunchScript =
        "umask 077; mkdir -p -- \"$1\" || exit 126; log=\"$1/engine.log\"; : >>\"$log\" || exit 126; umask 022; shift; "
        + "if command -v setsid >/dev/null 2>&1; then exec setsid \"$@\" </dev/null >>\"$log\" 2>&1; fi; "
        + "exec \"$@\" </dev/null >>\"$log\" 2>&1";

    /// <summary>The engine to run, or null with the places that were searched.</summary>
    public static EngineCommand? Find(string? explicitPath, out string searched)
    {
        var places = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            searched = explicitPath!;
            return FromPath(explicitPath!);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            searched = $"${EnvironmentVariable} ({fromEnvironment})";
            return FromPath(fromEnvironment!);
        }

        var moduleDirectory = Path.GetDirectoryName(typeof(EngineLauncher).Assembly.Location) ?? AppContext.BaseDirectory;
        foreach (var directory in new[] { moduleDirectory, Path.Combine(moduleDirectory, "engine") })
        {
            places.Add(directory);
            var found = FromPath(directory);
            if (found is not null)
            {
                searched = string.Join(", ", places);
                return found;
            }
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Where(d => d.Length > 0))
        {
            var candidate = Path.Combine(directory, ExecutableFileName);
            if (File.Exists(candidate))
            {
                searched = string.Join(", ", places.Append("PATH"));
                return new EngineCommand(candidate, Array.Empty<string>(), candidate);
            }
        }

        searched = string.Join(", ", places.Append("PATH"));
        return null;
    }

    /// <summary>Starts the engine with <paramref name="arguments"/>; its console goes to engine.log in <paramref name="stateDirectory"/>.</summary>
    public static Process Start(EngineCommand engine, IEnumerable<string> arguments, string stateDirectory)
    {
        var all = new[] { "-c", LaunchScript, "ipsecpolicy-engine-launcher", stateDirectory, engine.Program }
            .Concat(engine.LeadingArguments)
            .Concat(arguments);
        var start = new ProcessStartInfo("/bin/sh", ProcessArguments.Join(all))
        {
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start.");
    }

    private static EngineCommand? FromPath(string path)
    {
        if (Directory.Exists(path))
        {
            var assembly = Path.Combine(path, AssemblyFileName);
            if (File.Exists(assembly))
            {
                return ViaDotnet(assembly);
            }

            var executable = Path.Combine(path, ExecutableFileName);
            return File.Exists(executable) ? new EngineCommand(executable, Array.Empty<string>(), executable) : null;
        }

        if (!File.Exists(path))
        {
            return null;
        }

        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? ViaDotnet(path)
            : new EngineCommand(Path.GetFullPath(path), Array.Empty<string>(), Path.GetFullPath(path));
    }

    /// <summary>
    /// The .dll runs under the dotnet host: the one the SDK names, else the one running this
    /// session, else the one on PATH. (The apphost next to it would need DOTNET_ROOT in some setups.)
    /// </summary>
    private static EngineCommand ViaDotnet(string assembly)
    {
        var full = Path.GetFullPath(assembly);
        return new EngineCommand(DotnetHost(), new[] { full }, full);
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrWhiteSpace(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk!;
        }

        using (var self = Process.GetCurrentProcess())
        {
            var running = self.MainModule?.FileName;
            if (running is not null && Path.GetFileNameWithoutExtension(running) == "dotnet")
            {
                return running;
            }
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrWhiteSpace(root) && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return "dotnet";
    }
}
