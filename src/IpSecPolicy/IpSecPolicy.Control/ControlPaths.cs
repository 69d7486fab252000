using System;
using System.IO;
using System.Reflection;

namespace IpSecPolicy.Control;

/// <summary>
/// Where the engine's control socket is. /run is shared by every network namespace on a host, so
/// the default path carries the namespace's identity (the inode of /proc/self/ns/net): an engine
/// and the cmdlets that run in one namespace meet at the same path without configuration.
/// </summary>
public static class ControlPaths
{
    public const string SocketEnvironmentVariable = "IPSECPOLICY_CONTROL_SOCKET";
    public const string StateEnvironmentVariable = "IPSECPOLICY_STATE_DIR";
    public const string RunDirectory = "/run/ipsecpolicy";

    /// <summary>Where the engines keep their state (audit trail, console log when started by a cmdlet), one folder per namespace.</summary>
    public const string StateRoot = "/var/lib/ipsecpolicy/state";

    /// <summary><c>$IPSECPOLICY_CONTROL_SOCKET</c>, else <c>/run/ipsecpolicy/net-INODE/engine.sock</c>.</summary>
    public static string DefaultSocketPath
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(SocketEnvironmentVariable);
            return string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.Combine(RunDirectory, NetworkNamespaceId(), "engine.sock")
                : fromEnvironment!;
        }
    }

    /// <summary>
    /// <c>$IPSECPOLICY_STATE_DIR</c>, else <c>/var/lib/ipsecpolicy/state/net-INODE</c>: like the socket,
    /// /var/lib is shared by every namespace, so each engine's state is kept apart by the inode.
    /// </summary>
    public static string DefaultStateDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(StateEnvironmentVariable);
            return string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.Combine(StateRoot, NetworkNamespaceId())
                : fromEnvironment!;
        }
    }

    /// <summary>"net-4026531840" for the namespace this process runs in; "net-default" where there are none.</summary>
    public static string NetworkNamespaceId()
    {
        // /proc/self/ns/net links to "net:[4026531840]". FileSystemInfo.LinkTarget exists from
        // .NET 6 on; this assembly targets netstandard2.0, so it is looked up at run time.
        var linkTarget = typeof(FileSystemInfo).GetProperty("LinkTarget", BindingFlags.Public | BindingFlags.Instance);
        var target = linkTarget?.GetValue(new FileInfo("/proc/self/ns/net")) as string;
        if (target is null)
        {
            return "net-default";
        }

        var open = target.IndexOf('[');
        var close = target.IndexOf(']');
        return open >= 0 && close > open ? "net-" + target.Substring(open + 1, close - open - 1) : "net-default";
    }
}
