using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Interop.Labs;
using Interop.Support;

namespace Interop.Peers;

/// <summary>
/// Libreswan's pluto in a lab host's namespace, from Debian's package unpacked (never
/// apt-installed: libreswan Conflicts with strongswan-charon), driven through whack.
/// <para>
/// Facts this rests on (libreswan 4.10 on a kernel without ESP): pluto negotiates IKE, but it has
/// no userspace ESP, so installing any IPsec SA through XFRM fails ("Protocol not supported"):
/// main mode completes, quick mode cannot. Libreswan 4 refuses IKEv1 unless
/// <c>ikev1-policy=accept</c>. pluto executes the compiled-in /usr/libexec/ipsec/addconn, so it
/// runs in a private mount namespace with the unpacked directory bind-mounted there.
/// </para>
/// </summary>
internal sealed class LibreswanPeer : IDisposable
{
    private readonly LabHost host;
    private readonly string directory;
    private Process? pluto;
    private StringBuilder? output;

    public LibreswanPeer(LabHost host)
    {
        PeerPrograms.RequireLibreswan();
        this.host = host;
        directory = Path.Combine(host.Scratch, "libreswan");
        Directory.CreateDirectory(Path.Combine(directory, "run"));
        Directory.CreateDirectory(Path.Combine(directory, "nss"));
    }

    /// <summary>"Libreswan 4.10 (Debian 4.10-2+deb12u1)".</summary>
    public static string Version => LazyVersion.Value;

    public string LogPath => Path.Combine(directory, "pluto.log");

    /// <summary>
    /// pluto's log: its --logfile (on a pipe its stderr stops after start-up, buffered), with what it
    /// wrote to the console before that.
    /// </summary>
    public string Log
    {
        get
        {
            var console = string.Empty;
            if (output is not null)
            {
                lock (output)
                {
                    console = output.ToString();
                }
            }

            return console + (File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty);
        }
    }

    private static readonly Lazy<string> LazyVersion = new(() =>
    {
        var first = Command.Run(PeerPrograms.Pluto, new[] { "--version" }).Output.Split('\n')[0].Trim();
        var version = string.Join(" ", first.Split(' ').Take(2));
        var deb = Directory.EnumerateFiles(Path.Combine(PeerPrograms.LibreswanRoot, "usr/share/doc/libreswan"), "changelog.Debian*").Any()
            ? Command.Run("sh", new[] { "-c", "zcat \"$0\"/usr/share/doc/libreswan/changelog.Debian.gz | head -1", PeerPrograms.LibreswanRoot }).Output
            : string.Empty;
        var package = deb.Split('(', ')') is { Length: > 1 } parts ? parts[1] : "unpacked";
        return $"{version} (Debian {package})";
    });

    /// <summary>Writes ipsec.conf and ipsec.secrets, creates the NSS database and starts pluto; waits until the connection is loaded.</summary>
    public void Start(string connection, string secrets)
    {
        File.WriteAllText(Path.Combine(directory, "ipsec.conf"), connection);
        File.WriteAllText(Path.Combine(directory, "ipsec.secrets"), secrets);
        var nss = Path.Combine(directory, "nss");
        if (!File.Exists(Path.Combine(nss, "cert9.db")))
        {
            var (code, text) = Command.Run("certutil", new[] { "-N", "-d", "sql:" + nss, "--empty-password" });
            Assert.True(code == 0, "certutil -N failed: " + text);
        }

        Directory.CreateDirectory("/usr/libexec/ipsec"); // the mount point for the unpacked programs
        pluto = host.Start("unshare", new[]
        {
            "-m", "--propagation", "private", "sh", "-c",
            "mount --bind \"$0/usr/libexec/ipsec\" /usr/libexec/ipsec && exec /usr/libexec/ipsec/pluto --nofork --logfile \"$1/pluto.log\" " +
            "--config \"$1/ipsec.conf\" --secretsfile \"$1/ipsec.secrets\" --nssdir \"$1/nss\" --rundir \"$1/run\" " +
            "--ipsecdir \"$1\" --dumpdir \"$1/run\" --no-dnssec --log-no-time",
            PeerPrograms.LibreswanRoot, directory,
        }, out output);
        var up = Wait.Until(() => pluto.HasExited || Log.Contains("listening for IKE messages", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.True(up && !pluto.HasExited, $"pluto did not start in {host.Name}:\n{Log}");
        // After the SA install fails pluto would try again and again ("revival"): once is what is tested.
        Whack("--impair", "revival");
    }

    /// <summary>Runs whack against this pluto.</summary>
    public (int ExitCode, string Output) Whack(params string[] arguments) =>
        Command.Run(PeerPrograms.Whack, new[] { "--rundir", Path.Combine(directory, "run") }.Concat(arguments), timeout: TimeSpan.FromSeconds(60));

    public bool WaitForLog(string text, TimeSpan within) => Wait.Until(() => Log.Contains(text, StringComparison.Ordinal), within);

    public IReadOnlyList<string> LogLines(string text) =>
        Log.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal)).Select(line => line.TrimEnd()).ToList();

    public void Dispose()
    {
        if (pluto is { HasExited: false })
        {
            pluto.Kill();
            pluto.WaitForExit();
        }

        pluto?.Dispose();
    }
}
