using System;
using System.Runtime.InteropServices;
using System.Security;

namespace IpSecPolicy.Commands.Common;

/// <summary>
/// Reads a SecureString's characters once, for the model's Secret. The unmanaged copy is zeroed
/// and freed at once; the managed string lives only inside the Secret, which never shows it.
/// </summary>
internal static class SecureStringText
{
    public static string Read(SecureString secure)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            return Marshal.PtrToStringUni(pointer, secure.Length);
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
