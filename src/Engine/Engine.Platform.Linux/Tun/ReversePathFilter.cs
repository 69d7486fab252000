using System.Globalization;
using System.IO;

namespace Engine.Platform.Linux.Tun;

/// <summary>
/// Turns IPv4 reverse-path filtering off for one interface without weakening it anywhere else.
/// </summary>
/// <remarks>
/// <para>Why: the kernel drops a packet arriving on an interface that has no IPv4 address unless
/// its source is routed back through that interface, in loose mode (2) as in strict mode (1)
/// (fib_validate_source: no address means "last resort", which fails whenever rp_filter is on).
/// The TUN device has no address, and decrypted packets carry the peer's address, routed through
/// the physical interface.</para>
/// <para>How: the kernel applies max(conf/all/rp_filter, conf/DEVICE/rp_filter), so setting the
/// device to 0 is not enough while "all" is 1 or 2 (systemd sets 2). Every other interface, and
/// "default" for interfaces created later, is first raised to "all"'s value, then "all" is set
/// to 0 and the device to 0: each other interface's effective setting is exactly what it was.
/// Writes go to /proc/sys/net, which shows the calling thread's network namespace.</para>
/// </remarks>
internal static class ReversePathFilter
{
    private const string ConfDirectory = "/proc/sys/net/ipv4/conf";
    private const string Setting = "rp_filter";

    internal static void Exempt(string interfaceName)
    {
        if (!Directory.Exists(ConfDirectory))
        {
            return; // IPv4 is not configured in this kernel.
        }

        int all = Read("all");
        if (all > 0)
        {
            foreach (string path in Directory.EnumerateDirectories(ConfDirectory))
            {
                string name = Path.GetFileName(path);
                if (name != "all" && name != interfaceName && Read(name) < all)
                {
                    Write(name, all);
                }
            }

            Write("all", 0);
        }

        Write(interfaceName, 0);
    }

    private static int Read(string name) =>
        int.Parse(File.ReadAllText(Path.Combine(ConfDirectory, name, Setting)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    private static void Write(string name, int value) =>
        File.WriteAllText(Path.Combine(ConfDirectory, name, Setting), value.ToString(CultureInfo.InvariantCulture));
}
