using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Engine.Platform.Linux.Commands;

/// <summary>
/// Runs iproute2 and nftables commands: with an argument list (no shell, so nothing in an
/// interface name or comment can be interpreted), optional standard input, and a time limit.
/// These run at setup and on policy changes, never per packet.
/// </summary>
public static class ExternalCommand
{
    /// <summary>Long enough for a large nft ruleset, short enough that a hung command does not hang the engine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    // Services often run with a PATH that lacks the sbin directories where ip and nft live.
    private static readonly string[] FallbackDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>Runs a command and returns its result whatever its exit status.</summary>
    /// <exception cref="ExternalCommandException">The program is missing, cannot be started or exceeded the time limit.</exception>
    public static CommandResult Run(string program, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(Locate(program))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        string commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(program));
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ExternalCommandException($"Cannot run '{commandLine}': {e.Message}.", e);
        }

        // Read both streams concurrently: a child blocked on a full stderr pipe never exits.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            if (standardInput is not null)
            {
                process.StandardInput.Write(standardInput);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited without reading its input; its exit status and stderr say why.
        }

        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new ExternalCommandException($"'{commandLine}' did not finish within {(timeout ?? DefaultTimeout).TotalSeconds} s and was killed.", new TimeoutException());
        }

        return new CommandResult(commandLine, process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Runs a command and throws unless it exits with status 0.</summary>
    /// <exception cref="ExternalCommandException">The command failed or could not be run.</exception>
    public static CommandResult RunChecked(string program, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        CommandResult result = Run(program, arguments, standardInput, timeout);
        return result.Succeeded ? result : throw new ExternalCommandException(result);
    }

    private static string Locate(string program)
    {
        if (program.Contains('/'))
        {
            return program;
        }

        IEnumerable<string> directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(FallbackDirectories);
        foreach (string directory in directories)
        {
            string candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // Let Process.Start report it; the message then names the program.
        return program;
    }
}
