using System.IO;
using System.Runtime.InteropServices;

namespace Engine.Platform.Linux.Interop;

/// <summary>Turns an errno into an exception that names the operation and the object.</summary>
internal static class NativeErrors
{
    internal static IOException Failure(string operation, int errno) =>
        new($"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");

    internal static IOException LastFailure(string operation) =>
        Failure(operation, Marshal.GetLastPInvokeError());
}
