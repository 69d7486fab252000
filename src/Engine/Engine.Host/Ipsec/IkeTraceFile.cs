using System;
using System.IO;
using System.Text;
using Engine.Ike.Trace;

namespace Engine.Host.Ipsec;

/// <summary>
/// The IKE trace in the spirit of Windows' Oakley.log (Set-IpSecConfiguration -IkeLogging): one
/// line per entry in <c>ike.log</c> in the state directory, written only while enabled. At 16 MiB
/// the file becomes <c>ike.1.log</c>, replacing the one before. Created 0600: with the keys opt-in
/// it would hold key material.
/// </summary>
internal sealed class IkeTraceFile(string path) : IIkeTrace, IDisposable
{
    private const long MaximumBytes = 16L * 1024 * 1024;
    private readonly object gate = new();
    private StreamWriter? writer;

    public string Path { get; } = path;

    /// <summary>Whether entries are written (the configuration's IkeLogging).</summary>
    public bool Enabled { get; set; }

    public void Write(IkeTraceEntry entry)
    {
        if (!Enabled)
        {
            return;
        }

        lock (gate)
        {
            try
            {
                var output = writer ??= Open();
                output.WriteLine(entry.ToString());
                output.Flush();
                if (output.BaseStream.Length > MaximumBytes)
                {
                    output.Dispose();
                    writer = null;
                    File.Move(Path, System.IO.Path.ChangeExtension(Path, ".1.log"), overwrite: true);
                }
            }
            catch (IOException)
            {
                // A trace that cannot be written must never stop a negotiation.
                writer?.Dispose();
                writer = null;
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer?.Dispose();
            writer = null;
        }
    }

    private StreamWriter Open()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        return new StreamWriter(new FileStream(Path, options), new UTF8Encoding(false));
    }
}
