using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Interop.Labs;
using Interop.Support;

namespace Interop.Peers;

/// <summary>
/// l2tpns (Debian's package) in a lab host's namespace: a userspace LNS with its own PPP (LCP,
/// PAP, CHAP, IPCP) on a TUN device, so it works on this kernel without PPP or L2TP. It
/// authenticates only through RADIUS (the test runs a <see cref="L2tp.RadiusStandIn"/> beside it).
/// <para>
/// Facts this rests on (l2tpns 2.4.1): it reads its address pool from the fixed path
/// /etc/l2tpns/ip_pool whatever -c says, so it runs in a private mount namespace with a directory
/// of its own bind-mounted over /etc/l2tpns. It answers nothing until it has elected itself cluster
/// master ("I am declaring myself the master!"), about 15 s by default; with
/// cluster_hb_timeout 10 (it raises it to 19 tenths) about 1 s. Its cluster heartbeats are
/// multicast on cluster_interface, kept on the namespace's loopback. On SIGTERM it signals its whole
/// process group before it exits, so it runs in a session of its own (setsid); <see cref="Stop"/>
/// falls back to SIGKILL.
/// </para>
/// </summary>
internal sealed class L2tpnsPeer : IDisposable
{
    private const string Program = "/usr/sbin/l2tpns";

    private readonly LabHost host;
    private readonly string directory;
    private Process? l2tpns;
    private StringBuilder? console;

    public L2tpnsPeer(LabHost host)
    {
        PeerPrograms.RequireL2tpns();
        this.host = host;
        directory = Path.Combine(host.Scratch, "l2tpns");
        Directory.CreateDirectory(Path.Combine(directory, "etc"));
    }

    /// <summary>"l2tpns 2.4.1-1+b1" (the Debian package's version).</summary>
    public static string Version => LazyVersion.Value;

    public string LogPath => Path.Combine(directory, "l2tpns.log");

    /// <summary>l2tpns' log (debug level 3: every control message, PPP negotiation step and RADIUS exchange).</summary>
    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    /// <summary>How long the last <see cref="Stop"/> took, and whether SIGTERM was enough.</summary>
    public (TimeSpan Elapsed, bool Clean)? LastStop { get; private set; }

    /// <summary>
    /// Writes the configuration and starts l2tpns on <paramref name="bindAddress"/>:1701, with
    /// RADIUS at <paramref name="radiusAddress"/> (1812, accounting on 1813), the PPP authentication
    /// protocols <paramref name="authenticationTypes"/> in l2tpns' order of preference ("pap",
    /// "chap", "pap,chap"), addresses from <paramref name="pool"/> and the DNS servers handed out
    /// by IPCP, and any <paramref name="extraSettings"/> ("set NAME VALUE" lines). Waits until it is cluster master.
    /// </summary>
    public void Start(string bindAddress, string radiusAddress, string radiusSecret, string authenticationTypes, string pool, string primaryDns, string secondaryDns,
        string extraSettings = "")
    {
        File.WriteAllText(Path.Combine(directory, "etc", "ip_pool"), pool + "\n");
        File.WriteAllText(Path.Combine(directory, "etc", "users"), string.Empty);
        File.WriteAllText(Path.Combine(directory, "etc", "startup-config"), $"""
            set debug 3
            set log_file "{LogPath}"
            set pid_file "{Path.Combine(directory, "l2tpns.pid")}"
            set bind_address {bindAddress}
            set primary_radius {radiusAddress}
            set radius_secret "{radiusSecret}"
            set radius_authtypes "{authenticationTypes}"
            set radius_accounting yes
            set primary_dns {primaryDns}
            set secondary_dns {secondaryDns}
            set cli_bind_address 127.0.0.1
            set cluster_interface lo
            set cluster_hb_interval 2
            set cluster_hb_timeout 10
            {extraSettings}

            """);
        // setsid: when l2tpns shuts down it signals its whole process group, which would otherwise
        // be the test run's. It does not fork (the child is no group leader), so the pid stays l2tpns'.
        l2tpns = host.Start("setsid", new[]
        {
            "unshare", "-m", "--propagation", "private", "sh", "-c",
            "mount --bind \"$0/etc\" /etc/l2tpns && exec \"$1\" -c /etc/l2tpns/startup-config", directory, Program,
        }, out console);
        var master = Wait.Until(() => l2tpns.HasExited || Log.Contains("declaring myself the master", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
        Assert.True(master && !l2tpns.HasExited, $"l2tpns did not become cluster master in {host.Name}:\n{Console}\n{Log}");
    }

    public bool WaitForLog(string text, TimeSpan within) =>
        Wait.Until(() => Log.Contains(text, StringComparison.Ordinal), within, TimeSpan.FromMilliseconds(50));

    /// <summary>The log lines containing <paramref name="text"/>.</summary>
    public string[] LogLines(string text) =>
        Log.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal)).Select(line => line.TrimEnd()).ToArray();

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public void Stop(TimeSpan grace)
    {
        if (l2tpns is null || l2tpns.HasExited)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        Command.Run("kill", new[] { "-TERM", l2tpns.Id.ToString(CultureInfo.InvariantCulture) });
        var clean = Command.Exited(l2tpns, grace);
        if (!clean)
        {
            l2tpns.Kill();
            l2tpns.WaitForExit();
        }

        LastStop = (watch.Elapsed, clean);
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(3));
        l2tpns?.Dispose();
    }

    private string Console
    {
        get
        {
            if (console is null)
            {
                return string.Empty;
            }

            lock (console)
            {
                return console.ToString();
            }
        }
    }

    private static readonly Lazy<string> LazyVersion = new(() =>
        "l2tpns " + Command.Run("dpkg-query", new[] { "-W", "-f", "${Version}", "l2tpns" }).Output.Trim());
}
