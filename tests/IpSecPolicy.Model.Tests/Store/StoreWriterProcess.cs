using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;

namespace IpSecPolicy.Model.Tests.Store;

/// <summary>Starts tests/StoreWriter as a separate process (`dotnet StoreWriter.dll ...`) and collects what it prints.</summary>
internal sealed class StoreWriterProcess : IDisposable
{
    private readonly Process process;

    private StoreWriterProcess(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(WriterPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Collect(Output, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(Errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Lines printed on stdout; the writer prints a line only after its commit returned.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    public static string WriterPath { get; } = typeof(StoreWriterProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StoreWriter").Value!;

    /// <summary>The dotnet host running these tests (the SDK exports it), else the one on PATH.</summary>
    private static string DotnetHost
    {
        get
        {
            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            {
                return fromSdk;
            }

            var current = Environment.ProcessPath;
            return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }
    }

    public static StoreWriterProcess AddFilterList(string store, string name) => new(store, "filterlist", name);

    public static StoreWriterProcess AddPolicies(string store, string prefix, int count) => new(store, "policies", prefix, count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static StoreWriterProcess AddVpnUser(string store, string name, string address) => new(store, "vpnuser", name, address);

    public static StoreWriterProcess AddVpnUsers(string store, string prefix, int count) => new(store, "vpnusers", prefix, count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Waits for the end and returns the exit code.</summary>
    public int Wait(TimeSpan timeout)
    {
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill();
            throw new TimeoutException($"StoreWriter did not finish within {timeout}.");
        }

        process.WaitForExit(); // drains the redirected output
        return process.ExitCode;
    }

    /// <summary>Waits until the writer printed a line (its first commit).</summary>
    public bool WaitForOutput(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Output.IsEmpty && !process.HasExited && DateTime.UtcNow < deadline)
        {
            System.Threading.Thread.Sleep(5);
        }

        return !Output.IsEmpty;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a crash or an OOM kill.</summary>
    public void KillHard()
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            KillHard();
        }

        process.Dispose();
    }

    private static void Collect(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
