using System;
using System.IO;
using System.Text;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// Text files that hold key material outside the store (the Wireshark key tables): written whole
/// through a temporary and a rename, and readable by their owner only (0600) from the first byte.
/// </summary>
public static class PrivateFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>, replacing what is there.</summary>
    /// <exception cref="PolicyException">ExportWriteFailed when the file cannot be written.</exception>
    public static void WriteAllText(string path, string text)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = OwnerOnlyFileMode.CreateNew(temporary))
            {
                var bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
            {
                File.Replace(temporary, path, null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The temporary may never have been created; the error below is what matters.
            }

            throw new PolicyException(ErrorIds.ExportWriteFailed, PolicyErrorCategory.WriteError, $"The file '{path}' cannot be written: {e.Message}", path, e);
        }
    }
}
