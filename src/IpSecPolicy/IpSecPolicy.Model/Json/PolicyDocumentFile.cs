using System;
using System.IO;
using System.Text;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Json;

/// <summary>Policy documents on disk: read for import, written (whole or not at all) for export.</summary>
public static class PolicyDocumentFile
{
    /// <exception cref="PolicyException">ImportFileNotFound, ImportReadFailed, or the reader's refusal.</exception>
    public static PolicyDocument Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PolicyException(ErrorIds.ImportFileNotFound, PolicyErrorCategory.ObjectNotFound, $"There is no file '{path}'.", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException(ErrorIds.ImportReadFailed, PolicyErrorCategory.ReadError, $"The file '{path}' cannot be read: {e.Message}", path, e);
        }

        return PolicyDocumentReader.Read(bytes, path);
    }

    /// <summary>
    /// Writes <paramref name="json"/> to <paramref name="path"/> through a temporary and a rename,
    /// so a reader never sees half a document. A document with keys is mode 0600 from its creation.
    /// </summary>
    /// <exception cref="PolicyException">ExportFileExists (without <paramref name="overwrite"/>) or ExportWriteFailed.</exception>
    public static void Write(string path, string json, bool containsKeys, bool overwrite)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new PolicyException(ErrorIds.ExportFileExists, PolicyErrorCategory.ResourceExists,
                $"The file '{path}' exists. Use -Force to overwrite it.", path);
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = containsKeys ? OwnerOnlyFileMode.CreateNew(temporary) : new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(json);
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
