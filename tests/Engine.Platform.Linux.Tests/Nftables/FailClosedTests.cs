using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Engine.Platform.Linux.Nftables;
using Engine.Platform.Linux.Tests.Infrastructure;

namespace Engine.Platform.Linux.Tests.Nftables;

/// <summary>
/// Kill -9 of the process that set up enforcement: the nftables table, the ip rule and the
/// blackhole stay; the TUN device goes; traffic that policy says to secure crosses in neither
/// direction in the clear.
/// </summary>
public sealed class FailClosedTests
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void EnforcementOutlivesTheProcessThatInstalledItAndLeaksNoCleartext()
    {
        using var hosts = TwoHosts.Create();
        var applier = new NftablesRulesetApplier(hosts.Left.Name);

        using (Process probe = StartProbe(hosts.Left.Name, TwoHosts.RightV4))
        {
            WaitUntilReady(probe);
            Assert.True(hosts.Left.Execute("ip", "link", "show", CrashProbeProgram.TunName).Succeeded);

            probe.Kill(); // SIGKILL: no handler, no cleanup
            probe.WaitForExit();
            Assert.Equal(137, probe.ExitCode);
        }

        Assert.True(applier.IsInstalled());
        Assert.Contains(applier.ReadCounters(), counter => counter.Comment == "secure to peer");
        Assert.True(WaitUntil(() => !hosts.Left.Execute("ip", "link", "show", CrashProbeProgram.TunName).Succeeded), "the TUN device outlived its process");
        Assert.Contains("lookup 18768", hosts.Left.ExecuteChecked("ip", "rule", "show").StandardOutput, StringComparison.Ordinal);
        Assert.Contains("blackhole default", hosts.Left.ExecuteChecked("ip", "route", "show", "table", "18768").StandardOutput, StringComparison.Ordinal);

        // Outbound: the peer sees no echo request, in the clear or at all.
        using Socket icmp = hosts.Right.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp));
        Assert.False(hosts.Left.Execute("ping", "-c", "1", "-W", "1", TwoHosts.RightV4.ToString()).Succeeded);
        Assert.False(icmp.Poll(Silence, SelectMode.SelectRead));

        // Inbound: cleartext from the peer does not reach an application.
        using var application = UdpProbe.Open(hosts.Left, TwoHosts.LeftV4, 7005);
        using var peer = UdpProbe.Open(hosts.Right, TwoHosts.RightV4, 5005);
        peer.Send("in the clear", TwoHosts.LeftV4, 7005);
        Assert.Null(application.Receive(Silence));
        Assert.Equal(1, applier.ReadCounters().Single(counter => counter.Chain == NftScriptWriter.FromTunOnlyChain).Packets);
    }

    private static Process StartProbe(string networkNamespace, IPAddress peer)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var startInfo = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", typeof(CrashProbeProgram).Assembly.Location, CrashProbeProgram.Command, networkNamespace, peer.ToString() })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo)!;
    }

    private static void WaitUntilReady(Process probe)
    {
        Task<string?> line = probe.StandardOutput.ReadLineAsync();
        if (!line.Wait(StartupLimit) || line.Result != CrashProbeProgram.ReadyLine)
        {
            if (!probe.HasExited)
            {
                probe.Kill();
            }

            Assert.Fail($"The probe did not get ready: {line.Status} '{(line.IsCompleted ? line.Result : null)}', stderr: {probe.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>The kernel deletes the TUN device when the dead process's descriptors are released, a moment after exit.</summary>
    private static bool WaitUntil(Func<bool> condition)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return false;
    }
}
