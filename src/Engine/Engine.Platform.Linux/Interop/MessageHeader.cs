using System.Runtime.InteropServices;

namespace Engine.Platform.Linux.Interop;

/// <summary><c>struct mmsghdr</c> (a <c>struct msghdr</c> and the length moved), for sendmmsg and recvmmsg on 64-bit Linux.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    internal void* Name;
    internal uint NameLength;
    internal IoVector* Vectors;
    internal nuint VectorCount;
    internal void* Control;
    internal nuint ControlLength;
    internal int Flags;
    internal int FlagsPadding; // struct msghdr is 56 bytes: msg_len follows at offset 56
    internal uint Length;
}
