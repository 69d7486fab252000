using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Engine.Platform.Linux.Interop;

/// <summary>
/// The few libc calls the platform layer needs. Handles are passed as <see cref="SafeHandle"/> so
/// that a concurrent Dispose cannot close (and the kernel reuse) a descriptor while a call is using
/// it: the marshaller holds a reference for the duration of each call.
/// </summary>
internal static unsafe partial class LibC
{
    // glibc's soname (Debian, Ubuntu, RHEL); the engine targets glibc-based distributions.
    private const string Library = "libc.so.6";

    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial SafeFileHandle Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(SafeHandle fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(SafeHandle fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "writev", SetLastError = true)]
    internal static partial nint WriteVector(SafeHandle fd, IoVector* vectors, int count);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeHandle fd, nuint request, void* argument);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial SafeFileHandle EventFd(uint initialValue, int flags);

    [LibraryImport(Library, EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNs(SafeHandle fd, int namespaceType);

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(SafeHandle socket, byte* buffer, nuint length, int flags, byte* address, uint addressLength);

    [LibraryImport(Library, EntryPoint = "recvfrom", SetLastError = true)]
    internal static partial nint ReceiveFrom(SafeHandle socket, byte* buffer, nuint length, int flags, byte* address, uint* addressLength);

    [LibraryImport(Library, EntryPoint = "sendmmsg", SetLastError = true)]
    internal static partial int SendMessages(SafeHandle socket, MessageHeader* messages, uint count, int flags);

    [LibraryImport(Library, EntryPoint = "recvmmsg", SetLastError = true)]
    internal static partial int ReceiveMessages(SafeHandle socket, MessageHeader* messages, uint count, int flags, void* timeout);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();
}
