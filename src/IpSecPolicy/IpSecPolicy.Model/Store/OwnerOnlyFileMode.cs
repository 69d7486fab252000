using System;
using System.IO;
using System.Reflection;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// Sets mode 0600 through .NET 7+'s File.SetUnixFileMode, found by reflection because this
/// assembly targets netstandard2.0 (PowerShell 7 runs it on .NET 10; on Windows PowerShell 5.1
/// the file inherits the ProgramData ACL instead).
/// </summary>
internal static class OwnerOnlyFileMode
{
    private const int OwnerReadWrite = 0x180; // 0600

    private static readonly MethodInfo? SetMode = FindSetMode();

    public static void RestrictToOwner(string path)
    {
        if (SetMode is null || Path.DirectorySeparatorChar == '\\')
        {
            return;
        }

        var modeType = SetMode.GetParameters()[1].ParameterType;
        SetMode.Invoke(null, new[] { path, Enum.ToObject(modeType, OwnerReadWrite) });
    }

    private static MethodInfo? FindSetMode()
    {
        var modeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode");
        return modeType is null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
    }
}
