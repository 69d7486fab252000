using System.IO;
using System.Net.Sockets;
using Engine.Platform.Linux.Interop;

namespace Engine.Platform.Linux.Tun;

/// <summary>
/// Link settings through ioctls and /proc/sys. Both act on the network namespace of the calling
/// thread, which is the one the TUN device was just created in: unlike an <c>ip</c> command, this
/// cannot configure a namesake in another namespace.
/// </summary>
internal static unsafe class InterfaceControl
{
    internal static void SetMtu(string name, int mtu)
    {
        var request = InterfaceRequest.ForName(name);
        request.IntValue = mtu;
        Control(InterfaceIoctl.SetMtu, ref request, $"Setting the MTU of '{name}' to {mtu}");
    }

    internal static void BringUp(string name)
    {
        var request = InterfaceRequest.ForName(name);
        Control(InterfaceIoctl.GetFlags, ref request, $"Reading the flags of '{name}'");
        request.Flags |= InterfaceIoctl.Up;
        Control(InterfaceIoctl.SetFlags, ref request, $"Bringing '{name}' up");
    }

    /// <summary>
    /// Writes a per-interface sysctl under /proc/sys/net/{family}/conf/{name}/. /proc/sys/net shows
    /// the namespace of the thread that opens it. Returns false when the family is compiled out or
    /// disabled (the directory does not exist).
    /// </summary>
    internal static bool TryWriteInterfaceSysctl(string family, string name, string setting, string value)
    {
        string directory = $"/proc/sys/net/{family}/conf/{name}";
        if (!Directory.Exists(directory))
        {
            return false;
        }

        File.WriteAllText(Path.Combine(directory, setting), value);
        return true;
    }

    private static void Control(nuint request, ref InterfaceRequest interfaceRequest, string operation)
    {
        // Any socket of the current namespace can carry interface ioctls.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        fixed (InterfaceRequest* pointer = &interfaceRequest)
        {
            if (LibC.Ioctl(socket.SafeHandle, request, pointer) != 0)
            {
                throw NativeErrors.LastFailure(operation);
            }
        }
    }
}
