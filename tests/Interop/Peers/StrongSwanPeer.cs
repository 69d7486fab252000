using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Interop.Labs;
using Interop.Support;

namespace Interop.Peers;

/// <summary>
/// strongSwan's charon in a lab host's namespace, with its own strongswan.conf, swanctl.conf,
/// log and vici socket, driven through swanctl.
/// <para>
/// Facts this rests on (strongSwan 5.9.8 on a kernel without ESP): the userspace data plane is the
/// kernel-libipsec plugin (libcharon-extra-plugins), which does tunnel mode only and always
/// UDP-encapsulates ESP (charon fakes NAT-D for it); it must be loaded before kernel-netlink (the
/// first kernel_ipsec registered wins), hence an explicit plugin list. charon's pid file path
/// (/var/run/charon.pid) is compiled in, so each charon runs in a private mount namespace with a
/// directory of its own bind-mounted over /run; swanctl resolves relative credential paths under
/// /etc/swanctl, so it runs with this peer's swanctl directory bind-mounted there. A host-to-host
/// tunnel whose traffic selectors are the IKE addresses needs kernel-libipsec's allow_peer_ts and a
/// firewall mark that keeps charon's own IKE/ESP packets out of the routing table that points the
/// peer into the TUN device.
/// </para>
/// </summary>
internal sealed partial class StrongSwanPeer : IDisposable
{
    private const string Charon = "/usr/lib/ipsec/charon";
    private const string Swanctl = "/usr/sbin/swanctl";

    // kernel-libipsec before kernel-netlink; openssl for 3DES, ECP groups and fast AES; gcm for ESP AES-GCM.
    private const string Plugins =
        "random nonce openssl aes sha1 sha2 md5 hmac gcm xcbc cmac ctr ccm gmp curve25519 kdf pem pkcs1 pkcs8 x509 pubkey " +
        "kernel-libipsec kernel-netlink socket-default vici";

    private readonly LabHost host;
    private readonly string directory;
    private Process? charon;
    private StringBuilder? console;

    public StrongSwanPeer(LabHost host)
    {
        PeerPrograms.RequireStrongSwan();
        this.host = host;
        directory = Path.Combine(host.Scratch, "strongswan");
        Directory.CreateDirectory(Path.Combine(directory, "run"));
        Directory.CreateDirectory(Path.Combine(directory, "swanctl"));
        foreach (var sub in new[] { "x509", "x509ca", "x509ocsp", "x509aa", "x509ac", "x509crl", "pubkey", "private", "rsa", "ecdsa", "bliss", "pkcs8", "pkcs12" })
        {
            Directory.CreateDirectory(Path.Combine(directory, "swanctl", sub));
        }
    }

    public LabHost Host => host;

    public string LogPath => Path.Combine(directory, "charon.log");

    /// <summary>charon's log (IKE at level 2, so every message's payloads and every notify received are in it).</summary>
    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    /// <summary>"strongSwan 5.9.8 (Debian 5.9.8-5+deb12u6)": charon --version and the package's version.</summary>
    public static string Version => LazyVersion.Value;

    private string ConfPath => Path.Combine(directory, "strongswan.conf");

    private string ViciPath => Path.Combine(directory, "charon.vici");

    /// <summary>Writes strongswan.conf, starts charon in the host's namespace and waits for its vici socket.</summary>
    public void Start()
    {
        File.WriteAllText(ConfPath, StrongSwanConf());
        charon = host.Start("unshare", new[] { "-m", "--propagation", "private", "sh", "-c", "mount --bind \"$0/run\" /run && exec \"$1\"", directory, Charon },
            out console, new Dictionary<string, string> { ["STRONGSWAN_CONF"] = ConfPath });
        var up = Wait.Until(() => charon.HasExited || (File.Exists(ViciPath) && Ctl("--stats").ExitCode == 0), TimeSpan.FromSeconds(15));
        Assert.True(up && !charon.HasExited, $"charon did not start in {host.Name}:\n{console}\n{Log}");
    }

    /// <summary>Writes swanctl.conf with this connection and loads it (replacing what was loaded).</summary>
    public void Load(SwanctlConnection connection)
    {
        File.WriteAllText(Path.Combine(directory, "swanctl", "swanctl.conf"), connection.Render());
        var (code, output) = Ctl("--load-all", "--noprompt");
        Assert.True(code == 0, $"swanctl --load-all failed:\n{output}\n{connection.Render()}");
    }

    /// <summary>swanctl --initiate --child NAME: main mode and quick mode from strongSwan's side; exit code 0 when the child is up.</summary>
    public (int ExitCode, string Output) Initiate(string child, int timeoutSeconds = 30) =>
        Ctl("--initiate", "--child", child, "--timeout", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Deletes the IKE SA (and its children) with DELETE notifications to the peer.</summary>
    public (int ExitCode, string Output) Terminate(string ike) => Ctl("--terminate", "--ike", ike, "--timeout", "10");

    /// <summary>swanctl --list-sas.</summary>
    public string ListSas() => Ctl("--list-sas").Output;

    /// <summary>True when an IKE SA is ESTABLISHED and a child INSTALLED.</summary>
    public bool HasInstalledChild() => ListSas() is var sas && sas.Contains("ESTABLISHED", StringComparison.Ordinal) && sas.Contains("INSTALLED", StringComparison.Ordinal);

    /// <summary>The outbound SPIs of the installed children, as swanctl lists them: the SPIs the engine receives with.</summary>
    public IReadOnlyList<string> OutboundSpis() =>
        OutboundSpiLine().Matches(ListSas()).Select(m => m.Groups[1].Value).ToList();

    public bool WaitForLog(string text, TimeSpan within) => Wait.Until(() => Log.Contains(text, StringComparison.Ordinal), within);

    /// <summary>The log lines containing <paramref name="text"/>.</summary>
    public IReadOnlyList<string> LogLines(string text) =>
        Log.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>SIGKILL: charon vanishes without a DELETE (a peer that is gone).</summary>
    public void Kill()
    {
        if (charon is { HasExited: false })
        {
            charon.Kill();
            charon.WaitForExit();
        }
    }

    /// <summary>Runs swanctl against this charon (its own mount namespace: the bind mount is private to it).</summary>
    public (int ExitCode, string Output) Ctl(params string[] arguments) =>
        Command.Run("unshare", new[] { "-m", "--propagation", "private", "sh", "-c", $"mount --bind \"$0/swanctl\" /etc/swanctl && exec {Swanctl} \"$@\"", directory }
                .Concat(arguments),
            new Dictionary<string, string> { ["STRONGSWAN_CONF"] = ConfPath }, TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        if (charon is { HasExited: false })
        {
            charon.Kill(); // the lab removes the namespace next; a clean stop would only send DELETEs into it
            charon.WaitForExit();
        }

        charon?.Dispose();
    }

    private string StrongSwanConf() => $$"""
        charon {
          load_modular = no
          load = {{Plugins}}
          install_routes = yes
          plugins {
            # RNG_TRUE from /dev/urandom: never block on entropy in a fresh namespace
            random {
              strong_equals_true = yes
            }
            vici {
              socket = unix://{{ViciPath}}
            }
            kernel-libipsec {
              allow_peer_ts = yes
            }
            socket-default {
              fwmark = 0x4242
            }
            kernel-netlink {
              fwmark = !0x4242
            }
          }
          syslog {
            daemon {
              default = -1
            }
            auth {
              default = -1
            }
          }
          filelog {
            interop {
              path = {{LogPath}}
              time_format = %H:%M:%S
              time_add_ms = yes
              ike_name = yes
              append = no
              flush_line = yes
              default = 1
              ike = 2
              enc = 1
              knl = 1
              cfg = 2
              net = 1
            }
          }
        }
        swanctl {
          socket = unix://{{ViciPath}}
        }

        """;

    private static readonly Lazy<string> LazyVersion = new(() =>
    {
        var charon = Command.Run(Charon, new[] { "--version" }).Output.Trim().Replace("Linux ", string.Empty, StringComparison.Ordinal);
        var package = Command.Run("dpkg-query", new[] { "-W", "-f", "${Version}", "strongswan-charon" }).Output.Trim();
        return $"{charon} (Debian {package})";
    });

    [GeneratedRegex(@"\bout\s+([0-9a-f]{8})")]
    private static partial Regex OutboundSpiLine();
}
