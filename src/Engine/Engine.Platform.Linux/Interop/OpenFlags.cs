namespace Engine.Platform.Linux.Interop;

/// <summary>open(2), eventfd(2) and setns(2) flag values (x86-64 and arm64 agree on these).</summary>
internal static class OpenFlags
{
    internal const int ReadOnly = 0x0;            // O_RDONLY
    internal const int ReadWrite = 0x2;           // O_RDWR
    internal const int NonBlocking = 0x800;       // O_NONBLOCK, EFD_NONBLOCK
    internal const int CloseOnExec = 0x80000;     // O_CLOEXEC, EFD_CLOEXEC
    internal const int NewNetworkNamespace = 0x40000000; // CLONE_NEWNET
}
