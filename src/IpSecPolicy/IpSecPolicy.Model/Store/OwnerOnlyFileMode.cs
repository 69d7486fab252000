using System;
using System.IO;
using System.Reflection;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// Files only their owner may read (mode 0600): the store's secret file and exports with keys.
/// Uses .NET 7+'s FileStreamOptions.UnixCreateMode and File.SetUnixFileMode, found by reflection
/// because this assembly targets netstandard2.0 (PowerShell 7 runs it on .NET 10; on Windows
/// PowerShell 5.1 the file inherits the ProgramData ACL instead).
/// </summary>
internal static class OwnerOnlyFileMode
{
    private const int OwnerReadWrite = 0x180; // 0600

    private static readonly Type? ModeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode");
    private static readonly Type? OptionsType = typeof(File).Assembly.GetType("System.IO.FileStreamOptions");
    private static readonly MethodInfo? SetMode = ModeType is null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), ModeType });
    private static readonly ConstructorInfo? OpenWithOptions = OptionsType is null ? null : typeof(FileStream).GetConstructor(new[] { typeof(string), OptionsType });

    private static bool IsUnix => Path.DirectorySeparatorChar == '/';

    public static void RestrictToOwner(string path)
    {
        if (SetMode is null || !IsUnix)
        {
            return;
        }

        SetMode.Invoke(null, new[] { path, Enum.ToObject(ModeType!, OwnerReadWrite) });
    }

    /// <summary>
    /// Creates a new file that is 0600 from its first moment: a file created with the default mode
    /// and narrowed afterwards can be opened by another user in between, and an open descriptor
    /// keeps reading whatever is written later.
    /// </summary>
    public static FileStream CreateNew(string path)
    {
        if (OpenWithOptions is null || ModeType is null || !IsUnix)
        {
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            RestrictToOwner(path);
            return stream;
        }

        var options = Activator.CreateInstance(OptionsType!)!;
        OptionsType!.GetProperty("Mode")!.SetValue(options, FileMode.CreateNew);
        OptionsType.GetProperty("Access")!.SetValue(options, FileAccess.Write);
        OptionsType.GetProperty("Share")!.SetValue(options, FileShare.None);
        OptionsType.GetProperty("UnixCreateMode")!.SetValue(options, Enum.ToObject(ModeType, OwnerReadWrite));
        try
        {
            return (FileStream)OpenWithOptions.Invoke(new[] { path, options });
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
