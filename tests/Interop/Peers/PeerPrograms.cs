using System;
using System.IO;

namespace Interop.Peers;

/// <summary>
/// Where the peers' programs are, and a failing assertion naming the installer when one is missing:
/// the interop suite never skips a peer it cannot find.
/// </summary>
internal static class PeerPrograms
{
    /// <summary>Overrides where libreswan's .deb was unpacked (the installer honours it too).</summary>
    public const string LibreswanRootVariable = "IPSECPOLICY_LIBRESWAN_ROOT";

    public const string DefaultLibreswanRoot = "/opt/ipsecpolicy-test/libreswan";

    private const string Installer = "run scripts/install-test-dependencies.sh as root (test.sh does)";

    public static string LibreswanRoot =>
        Environment.GetEnvironmentVariable(LibreswanRootVariable) is { Length: > 0 } root ? root : DefaultLibreswanRoot;

    public static string Pluto => Path.Combine(LibreswanRoot, "usr/libexec/ipsec/pluto");

    public static string Whack => Path.Combine(LibreswanRoot, "usr/libexec/ipsec/whack");

    public static void RequireStrongSwan()
    {
        Require("/usr/lib/ipsec/charon", "strongswan-charon");
        Require("/usr/sbin/swanctl", "strongswan-swanctl");
        Require("/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so", "libcharon-extra-plugins (kernel-libipsec)");
        Require("/usr/lib/ipsec/plugins/libstrongswan-openssl.so", "libstrongswan-standard-plugins (openssl)");
        Require("/usr/lib/ipsec/plugins/libstrongswan-gcm.so", "libstrongswan-standard-plugins (gcm)");
    }

    public static void RequireLibreswan()
    {
        Require(Pluto, $"libreswan unpacked into {LibreswanRoot}");
        Require(Whack, $"libreswan unpacked into {LibreswanRoot}");
        Require("/usr/bin/certutil", "libnss3-tools");
    }

    public static void RequireL2tpns()
    {
        Require("/usr/sbin/l2tpns", "l2tpns");
        Assert.True(Directory.Exists("/etc/l2tpns"), $"/etc/l2tpns is missing (l2tpns; the tests bind-mount their own over it): {Installer}.");
    }

    public static void RequireXl2tpd()
    {
        Require("/usr/sbin/xl2tpd", "xl2tpd");
        Require("/usr/sbin/pppd", "ppp");
    }

    public static void RequireTools()
    {
        foreach (var (path, package) in new[]
        {
            ("/usr/bin/tshark", "tshark"), ("/usr/bin/tcpdump", "tcpdump"), ("/usr/bin/socat", "socat"),
            ("/usr/sbin/nft", "nftables"), ("/usr/bin/ping", "iputils-ping"),
        })
        {
            Require(path, package);
        }
    }

    private static void Require(string path, string package) =>
        Assert.True(File.Exists(path), $"{path} is missing ({package}): {Installer}.");
}
