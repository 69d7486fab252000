using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace Engine.Host.Tests.Support;

/// <summary>Runs a program to its end and returns its exit code and output (stdout and stderr together).</summary>
internal static class Command
{
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(program, arguments, environment, out var output);
        if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{program} {string.Join(" ", arguments)} did not finish:\n{output}");
        }

        process.WaitForExit(); // drains the output readers
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Runs <c>program</c> and throws unless it exits 0.</summary>
    public static string Check(string program, params string[] arguments)
    {
        var (code, output) = Run(program, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(" ", arguments)} exited {code}: {output}");
        }

        return output;
    }

    /// <summary>Starts a program whose output is collected in <paramref name="output"/> as it comes.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment,
        out StringBuilder output)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var collected = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(collected, e.Data);
        process.ErrorDataReceived += (_, e) => Append(collected, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = collected;
        return process;
    }

    /// <summary>
    /// Waits for the process to end and then for its output readers to reach end of file: the timed
    /// <see cref="Process.WaitForExit(int)"/> alone returns before the last lines are collected.
    /// </summary>
    public static bool Exited(Process process, TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            return false;
        }

        process.WaitForExit();
        return true;
    }

    /// <summary>What a process started by <see cref="Start"/> has written so far, read under the lock its output handlers append with.</summary>
    public static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
