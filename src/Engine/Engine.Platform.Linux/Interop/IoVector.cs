using System.Runtime.InteropServices;

namespace Engine.Platform.Linux.Interop;

/// <summary><c>struct iovec</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    internal void* Base;
    internal nuint Length;
}
