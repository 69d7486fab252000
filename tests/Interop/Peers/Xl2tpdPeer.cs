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
/// xl2tpd (Debian's package) in a lab host's namespace, as LNS or as LAC, in the foreground with
/// its debug output collected, its own configuration, pid file and control pipe.
/// <para>
/// Facts this rests on (xl2tpd 1.3.18 on a kernel without PPP or L2TP): the L2TP control
/// connection and calls run in userspace, but every call hands its PPP to pppd, which cannot open
/// /dev/ppp here and exits at once; xl2tpd then clears the call with a CDN. As LAC it dials when
/// "c NAME" is written to its control pipe (-C). No tunnel secret, so no challenge and nothing
/// hidden; the length bit on data messages.
/// </para>
/// </summary>
internal sealed class Xl2tpdPeer : IDisposable
{
    private const string Program = "/usr/sbin/xl2tpd";

    private readonly LabHost host;
    private readonly string directory;
    private Process? xl2tpd;
    private StringBuilder? console;

    public Xl2tpdPeer(LabHost host)
    {
        PeerPrograms.RequireXl2tpd();
        this.host = host;
        directory = Path.Combine(host.Scratch, "xl2tpd");
        Directory.CreateDirectory(directory);
    }

    /// <summary>"xl2tpd 1.3.18-1" (the Debian package's version).</summary>
    public static string Version => LazyVersion.Value;

    /// <summary>xl2tpd's debug output (tunnel, state and AVP debugging on).</summary>
    public string Log
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

    /// <summary>What pppd wrote before it died (its logfile option).</summary>
    public string PppdLog => File.Exists(PppdLogPath) ? File.ReadAllText(PppdLogPath) : string.Empty;

    private string ControlPipe => Path.Combine(directory, "l2tp-control");

    private string PppdLogPath => Path.Combine(directory, "pppd.log");

    /// <summary>Starts xl2tpd as an LNS on <paramref name="listenAddress"/>:1701 that accepts every LAC.</summary>
    public void StartLns(string listenAddress) => Start(listenAddress, $"""
        [lns default]
        ip range = 10.78.0.10-10.78.0.20
        local ip = 10.78.0.1
        require authentication = no
        name = xl2tpd-lns
        hostname = xl2tpd-lns
        ppp debug = yes
        pppoptfile = {PppOptions()}
        length bit = yes

        """);

    /// <summary>Starts xl2tpd with one LAC section <paramref name="name"/> for the LNS at <paramref name="lnsAddress"/>; <see cref="Dial"/> places the call.</summary>
    public void StartLac(string listenAddress, string name, string lnsAddress) => Start(listenAddress, $"""
        [lac {name}]
        lns = {lnsAddress}
        name = xl2tpd-lac
        hostname = xl2tpd-lac
        require authentication = no
        autodial = no
        redial = no
        ppp debug = yes
        pppoptfile = {PppOptions()}
        length bit = yes

        """);

    /// <summary>"c NAME" into the control pipe: the LAC section opens its tunnel and places a call.</summary>
    public void Dial(string name) => Control('c', name);

    /// <summary>"d NAME" into the control pipe: the LAC section closes its tunnel with a StopCCN.</summary>
    public void Disconnect(string name) => Control('d', name);

    public bool WaitForLog(string text, TimeSpan within) =>
        Wait.Until(() => Log.Contains(text, StringComparison.Ordinal), within, TimeSpan.FromMilliseconds(50));

    /// <summary>The log lines containing <paramref name="text"/>.</summary>
    public string[] LogLines(string text) =>
        Log.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal)).Select(line => line.TrimEnd()).ToArray();

    /// <summary>
    /// SIGTERM, SIGKILL after 3 s; nothing once it has exited. xl2tpd 1.3.18 exits on SIGTERM without
    /// a StopCCN (its death_handler sends one only for other signals, or with kernel L2TP support):
    /// <see cref="Disconnect"/> closes a tunnel cleanly.
    /// </summary>
    public void Stop()
    {
        if (xl2tpd is { HasExited: false })
        {
            Command.Run("kill", new[] { "-TERM", xl2tpd.Id.ToString(CultureInfo.InvariantCulture) });
            if (!Command.Exited(xl2tpd, TimeSpan.FromSeconds(3)))
            {
                xl2tpd.Kill();
                xl2tpd.WaitForExit();
            }
        }
    }

    public void Dispose()
    {
        Stop();
        xl2tpd?.Dispose();
        xl2tpd = null;
    }

    private void Control(char command, string name)
    {
        var (code, output) = Command.Run("sh", new[] { "-c", "printf '%s %s\\n' \"$1\" \"$2\" > \"$0\"", ControlPipe, command.ToString(), name },
            timeout: TimeSpan.FromSeconds(10));
        Assert.True(code == 0, $"writing to xl2tpd's control pipe failed: {output}");
    }

    private void Start(string listenAddress, string section)
    {
        var secrets = Path.Combine(directory, "l2tp-secrets");
        File.WriteAllText(secrets, string.Empty);
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var configuration = Path.Combine(directory, "xl2tpd.conf");
        File.WriteAllText(configuration, $"""
            [global]
            listen-addr = {listenAddress}
            port = 1701
            auth file = {secrets}
            access control = no
            debug avp = yes
            debug state = yes
            debug tunnel = yes

            {section}
            """);
        // A session of its own, like l2tpns: nothing it signals on the way out can reach the test run.
        xl2tpd = host.Start("setsid", new[] { Program, "-D", "-c", configuration, "-p", Path.Combine(directory, "xl2tpd.pid"), "-C", ControlPipe }, out console);
        var listening = Wait.Until(() => xl2tpd.HasExited || Log.Contains("Listening on IP address", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        Assert.True(listening && !xl2tpd.HasExited, $"xl2tpd did not start in {host.Name}:\n{Log}");
    }

    /// <summary>pppd's options: no authentication of the LNS, and a log file to show why it stopped.</summary>
    private string PppOptions()
    {
        var path = Path.Combine(directory, "options.xl2tpd");
        File.WriteAllText(path, $"noauth\nnodefaultroute\ndebug\nlogfile {PppdLogPath}\n");
        return path;
    }

    private static readonly Lazy<string> LazyVersion = new(() =>
        "xl2tpd " + Command.Run("dpkg-query", new[] { "-W", "-f", "${Version}", "xl2tpd" }).Output.Trim());
}
