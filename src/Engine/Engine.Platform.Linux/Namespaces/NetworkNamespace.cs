using System;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using Engine.Platform.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Engine.Platform.Linux.Namespaces;

/// <summary>
/// Runs code inside a named network namespace (one made by <c>ip netns add</c>, pinned under
/// /run/netns). A network namespace belongs to a thread, not a process, so the code runs on a
/// dedicated thread that enters the namespace with setns(2) and ends afterwards: no pooled thread
/// is ever left in a foreign namespace.
/// </summary>
/// <remarks>
/// Sockets and TUN devices belong to the namespace they were created in for their whole life, so
/// create them inside <see cref="Run(string, Action)"/> and use them from any thread afterwards.
/// The action must be synchronous: after an <c>await</c> the code would continue on a pool thread
/// in the process's own namespace. Needs CAP_SYS_ADMIN (root).
/// </remarks>
public static class NetworkNamespace
{
    /// <summary>Where iproute2 pins named namespaces.</summary>
    public const string PinDirectory = "/run/netns";

    /// <summary>Runs <paramref name="action"/> on a new thread inside namespace <paramref name="name"/> and waits for it.</summary>
    /// <exception cref="IOException">The namespace does not exist or cannot be entered.</exception>
    public static void Run(string name, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run(name, () =>
        {
            action();
            return true;
        });
    }

    /// <summary>Runs <paramref name="function"/> on a new thread inside namespace <paramref name="name"/> and returns its result.</summary>
    /// <exception cref="IOException">The namespace does not exist or cannot be entered.</exception>
    public static T Run<T>(string name, Func<T> function)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(function);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Enter(name);
                result = function();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = $"netns {name}",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>True when a namespace of that name is pinned under <see cref="PinDirectory"/>.</summary>
    public static bool Exists(string name)
    {
        ValidateName(name);
        return File.Exists(Path.Combine(PinDirectory, name));
    }

    internal static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/') || name is "." or ".." || name.Length > 255)
        {
            throw new ArgumentException($"'{name}' is not a valid network namespace name.", nameof(name));
        }
    }

    private static void Enter(string name)
    {
        string path = Path.Combine(PinDirectory, name);
        using SafeFileHandle handle = LibC.Open(path, OpenFlags.ReadOnly | OpenFlags.CloseOnExec);
        if (handle.IsInvalid)
        {
            throw NativeErrors.LastFailure($"Opening network namespace '{name}' ({path})");
        }

        if (LibC.SetNs(handle, OpenFlags.NewNetworkNamespace) != 0)
        {
            throw NativeErrors.LastFailure($"Entering network namespace '{name}'");
        }
    }
}
