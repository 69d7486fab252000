using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Engine.Platform.Linux.Interop;

/// <summary>
/// <c>struct ifreq</c> (40 bytes on 64-bit Linux): the interface name followed by a union of which
/// the platform layer uses the <c>short</c> flags (TUNSETIFF, SIOC[GS]IFFLAGS) and the <c>int</c>
/// MTU (SIOCSIFMTU); both start right after the name.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = NameSize + UnionSize)]
internal unsafe struct InterfaceRequest
{
    internal const int NameSize = 16; // IFNAMSIZ, including the terminating NUL
    private const int UnionSize = 24;

    private fixed byte _name[NameSize];
    private fixed byte _union[UnionSize];

    internal static InterfaceRequest ForName(string name)
    {
        var request = default(InterfaceRequest);
        Span<byte> nameBytes = new(request._name, NameSize - 1);
        Encoding.ASCII.GetBytes(name, nameBytes);
        return request;
    }

    /// <summary>The name, as the kernel wrote it back (TUNSETIFF may complete a pattern).</summary>
    internal readonly string Name
    {
        get
        {
            fixed (byte* name = _name)
            {
                var bytes = new ReadOnlySpan<byte>(name, NameSize);
                int end = bytes.IndexOf((byte)0);
                return Encoding.ASCII.GetString(end < 0 ? bytes : bytes[..end]);
            }
        }
    }

    internal short Flags
    {
        readonly get { fixed (byte* union = _union) { return *(short*)union; } }
        set { fixed (byte* union = _union) { *(short*)union = value; } }
    }

    internal int IntValue
    {
        readonly get { fixed (byte* union = _union) { return *(int*)union; } }
        set { fixed (byte* union = _union) { *(int*)union = value; } }
    }
}
