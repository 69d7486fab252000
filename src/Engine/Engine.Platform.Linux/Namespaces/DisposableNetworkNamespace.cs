using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Engine.Platform.Linux.Commands;

namespace Engine.Platform.Linux.Namespaces;

/// <summary>
/// A uniquely named, throw-away network namespace for tests and scenarios, with loopback up.
/// Disposing deletes it, and with it every veth end, TUN device, route and nftables table inside.
/// </summary>
/// <remarks>
/// Cleanup is guaranteed three ways: <see cref="Dispose"/>; a process-exit handler that deletes
/// whatever this process still holds; and, for a process that was killed, <see cref="Create"/>
/// deleting namespaces whose name carries the id of a process that no longer runs.
/// </remarks>
public sealed class DisposableNetworkNamespace : IDisposable
{
    /// <summary>Names are "{prefix}{process id}-{sequence}", so leftovers show who made them.</summary>
    public const string NamePrefix = "ipsecpolicy-scratch-";

    private static readonly ConcurrentDictionary<string, byte> s_live = new();
    private static int s_sequence;
    private static int s_exitHandlerInstalled;
    private int _disposed;

    private DisposableNetworkNamespace(string name)
    {
        Name = name;
    }

    /// <summary>The namespace name, usable with <c>ip -n</c> and <c>ip netns exec</c>.</summary>
    public string Name { get; }

    /// <summary>Creates a namespace with a fresh name and brings its loopback interface up.</summary>
    /// <exception cref="ExternalCommandException"><c>ip netns add</c> failed (not root?).</exception>
    public static DisposableNetworkNamespace Create()
    {
        InstallExitHandler();
        RemoveAbandoned();
        string name = string.Create(CultureInfo.InvariantCulture, $"{NamePrefix}{Environment.ProcessId}-{Interlocked.Increment(ref s_sequence)}");
        ExternalCommand.RunChecked("ip", ["netns", "add", name]);
        s_live[name] = 0;
        var created = new DisposableNetworkNamespace(name);
        try
        {
            IpCommand.RunChecked(name, ["link", "set", "lo", "up"]);
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Deletes scratch namespaces left by processes that no longer exist (killed test runs).
    /// Returns how many it deleted.
    /// </summary>
    public static int RemoveAbandoned()
    {
        if (!Directory.Exists(NetworkNamespace.PinDirectory))
        {
            return 0;
        }

        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(NetworkNamespace.PinDirectory, NamePrefix + "*"))
        {
            string name = Path.GetFileName(path);
            if (OwnerProcessId(name) is { } owner && !Directory.Exists($"/proc/{owner}"))
            {
                removed += ExternalCommand.Run("ip", ["netns", "delete", name]).Succeeded ? 1 : 0;
            }
        }

        return removed;
    }

    /// <summary>Runs <paramref name="action"/> on a thread inside this namespace (see <see cref="NetworkNamespace"/>).</summary>
    public void Run(Action action) => NetworkNamespace.Run(Name, action);

    /// <summary>Runs <paramref name="function"/> on a thread inside this namespace and returns its result.</summary>
    public T Run<T>(Func<T> function) => NetworkNamespace.Run(Name, function);

    /// <summary>Runs a program inside this namespace (<c>ip netns exec</c>) and returns its result whatever its exit status.</summary>
    public CommandResult Execute(string program, params IEnumerable<string> arguments) =>
        IpCommand.Execute(Name, program, arguments);

    /// <summary>Runs a program inside this namespace and throws unless it exits with status 0.</summary>
    public CommandResult ExecuteChecked(string program, params IEnumerable<string> arguments)
    {
        CommandResult result = Execute(program, arguments);
        return result.Succeeded ? result : throw new ExternalCommandException(result);
    }

    /// <summary>Deletes the namespace. Safe to call twice and after it is already gone.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Delete(Name);
        }
    }

    private static void Delete(string name)
    {
        s_live.TryRemove(name, out _);
        ExternalCommand.Run("ip", ["netns", "delete", name]);
    }

    private static int? OwnerProcessId(string name)
    {
        ReadOnlySpan<char> rest = name.AsSpan(NamePrefix.Length);
        int dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private static void InstallExitHandler()
    {
        if (Interlocked.Exchange(ref s_exitHandlerInstalled, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (string name in s_live.Keys)
                {
                    Delete(name);
                }
            };
        }
    }
}
