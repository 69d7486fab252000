using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Audit;

/// <summary>
/// The append-only JSON-lines file of the audit trail in the state directory: one event per line,
/// in the control protocol's JSON. At <see cref="RotateAtBytes"/> the file becomes
/// <see cref="PreviousFileName"/> (replacing the one before), so the trail keeps between one and two
/// files' worth of history. Owner-only (0600): events name peers and policies.
/// </summary>
internal sealed class AuditFile : IDisposable
{
    public const string FileName = "audit.jsonl";
    public const string PreviousFileName = "audit.1.jsonl";
    public const long RotateAtBytes = 8 * 1024 * 1024;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly long rotateAtBytes;
    private FileStream? stream;

    public AuditFile(string directory, long rotateAtBytes = RotateAtBytes)
    {
        Directory = directory;
        this.rotateAtBytes = rotateAtBytes;
    }

    public string Directory { get; }

    public string Path => System.IO.Path.Combine(Directory, FileName);

    private string PreviousPath => System.IO.Path.Combine(Directory, PreviousFileName);

    /// <summary>Creates the directory (0700) and opens the file for appending (0600).</summary>
    public void Open()
    {
        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        stream = OpenForAppend(Path);
    }

    /// <summary>
    /// The newest <paramref name="count"/> events of both files, oldest first, and the numbers of the
    /// lines that are not events (a line torn by a crash mid-write is the usual one).
    /// </summary>
    public (List<AuditEvent> Events, List<int> SkippedLines) ReadTail(int count)
    {
        var events = new List<AuditEvent>();
        var skipped = new List<int>();
        foreach (var path in new[] { PreviousPath, Path })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                var parsed = Parse(line);
                if (parsed is null)
                {
                    skipped.Add(lineNumber);
                    continue;
                }

                events.Add(parsed);
            }
        }

        return (events.Skip(Math.Max(0, events.Count - count)).ToList(), skipped);
    }

    /// <summary>Appends one event as one line; rotates first when the file is full.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Append(AuditEvent item)
    {
        if (stream is null)
        {
            throw new InvalidOperationException("The audit file is not open.");
        }

        if (stream.Length >= rotateAtBytes)
        {
            stream.Dispose();
            File.Move(Path, PreviousPath, overwrite: true);
            stream = OpenForAppend(Path);
        }

        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(item, ControlJson.Options) + "\n");
        stream.Write(bytes);
        stream.Flush();
    }

    public void Dispose()
    {
        stream?.Dispose();
        stream = null;
    }

    private static FileStream OpenForAppend(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Append,
        Access = FileAccess.Write,
        Share = FileShare.Read,
        UnixCreateMode = OwnerOnly,
    });

    private static AuditEvent? Parse(string line)
    {
        try
        {
            var item = JsonSerializer.Deserialize<AuditEvent>(line, ControlJson.Options);
            return item is { Id: > 0, RecordId: > 0 } ? item : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
