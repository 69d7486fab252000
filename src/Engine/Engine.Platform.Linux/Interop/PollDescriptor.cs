using System.Runtime.InteropServices;

namespace Engine.Platform.Linux.Interop;

/// <summary><c>struct pollfd</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    internal const short Readable = 0x0001; // POLLIN

    internal int Descriptor;
    internal short RequestedEvents;
    internal short ReturnedEvents;
}
