using System;
using System.IO;
using System.Net.Sockets;
using Engine.Host.Logging;
using Engine.Host.Options;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Control;

/// <summary>
/// Owns the control socket path for the life of the engine. An exclusive lock on
/// <c>SOCKET.lock</c> (flock, released by the kernel when the process dies however it dies) says
/// which engine owns the path: with the lock held, a socket file still at the path was left by a
/// dead engine and is replaced; without it, another engine is alive and this one refuses. As a
/// second guard, a socket that accepts a connection is never replaced, lock or not.
/// The socket is bound and made 0600 before it listens, so no one connects to it with wider rights.
/// </summary>
public sealed class ControlSocketClaim : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly ILogger<ControlSocketClaim> logger;
    private FileStream? lockFile;
    private Socket? socket;
    private bool bound;

    public ControlSocketClaim(EngineOptions options, ILogger<ControlSocketClaim> logger)
    {
        Path = options.ControlSocket;
        this.logger = logger;
    }

    public string Path { get; }

    public string LockPath => Path + ".lock";

    /// <summary>The bound socket; listening starts in the control server.</summary>
    public Socket Socket => socket ?? throw new InvalidOperationException("The control socket has not been claimed.");

    /// <exception cref="EngineStartException">AlreadyRunning, or ControlSocketUnavailable.</exception>
    public void Claim()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        try
        {
            // 0755: a user who is not root then learns from the socket's own mode that it is not
            // theirs, rather than being told that no engine runs.
            Directory.CreateDirectory(directory, DirectoryMode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable($"its directory '{directory}' cannot be created: {e.Message}", e);
        }

        try
        {
            lockFile = new FileStream(LockPath, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = OwnerOnly,
            });
        }
        catch (UnauthorizedAccessException e)
        {
            throw Unavailable($"its lock '{LockPath}' cannot be opened: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw AlreadyRunning(e);
        }

        if (File.Exists(Path) || Directory.Exists(Path))
        {
            ReplaceStale();
        }

        Bind();
    }

    /// <summary>Closes the socket and removes its file; called when the server stops and again on dispose.</summary>
    public void Release()
    {
        socket?.Dispose();
        socket = null;
        if (bound)
        {
            bound = false;
            try
            {
                File.Delete(Path);
                logger.SocketRemoved(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.SocketRemoveFailed(Path, e.Message);
            }
        }
    }

    public void Dispose()
    {
        Release();
        lockFile?.Dispose();
        lockFile = null;
    }

    private void ReplaceStale()
    {
        if (Directory.Exists(Path))
        {
            throw Unavailable("a directory is in its place", null);
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(Path));
                throw AlreadyRunning(null);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // Nothing listens: a socket (or a file) left behind. We hold the lock, so it is ours to replace.
            }
            catch (SocketException e)
            {
                throw Unavailable($"the file in its place cannot be checked: {e.Message}", e);
            }
        }

        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable($"the stale socket cannot be removed: {e.Message}", e);
        }

        logger.StaleSocketReplaced(Path);
    }

    private void Bind()
    {
        var candidate = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            candidate.Bind(new UnixDomainSocketEndPoint(Path));
            bound = true;
            File.SetUnixFileMode(Path, OwnerOnly);
            socket = candidate;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            candidate.Dispose();
            Release();
            throw Unavailable($"it cannot be bound: {e.Message}", e);
        }
    }

    private EngineStartException AlreadyRunning(Exception? inner) =>
        new(EngineExitCode.AlreadyRunning,
            $"Another engine already runs with the control socket {Path} (this network namespace's engine). Stop it first (Stop-IpSecEngine), or give this one its own --control-socket.",
            inner);

    private EngineStartException Unavailable(string reason, Exception? inner) =>
        new(EngineExitCode.ControlSocketUnavailable, $"The control socket {Path} cannot be used: {reason}", inner);
}
