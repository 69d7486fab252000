using System;
using System.Diagnostics;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>A command left running inside a namespace (a ping waiting for a reply); Dispose kills it.</summary>
internal sealed class BackgroundCommand : IDisposable
{
    private readonly Process _process;

    private BackgroundCommand(Process process)
    {
        _process = process;
    }

    internal static BackgroundCommand Start(string networkNamespace, string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "netns", "exec", networkNamespace, program })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BackgroundCommand(process);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        _process.Dispose();
    }
}
