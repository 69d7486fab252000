using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// The local policy store: a directory holding <c>policy-store.json</c> (everything but secrets) and
/// <c>secrets.json</c> (pre-shared keys by auth method id, mode 0600). Every change runs under an
/// exclusive lock across processes, re-reads the latest document, applies the change to a copy,
/// refuses it if it adds a validation error, and replaces the files atomically (write, fsync,
/// rename): concurrent writers lose nothing and a writer killed mid-way leaves the store valid.
/// The VPN gateway's users live beside them in <c>vpn-users.json</c> (<see cref="VpnUserStore"/>),
/// written under the same lock.
/// </summary>
public sealed class PolicyStore
{
    public const string EnvironmentVariable = "IPSECPOLICY_STORE";
    public const string DocumentFileName = "policy-store.json";
    public const string SecretsFileName = "secrets.json";
    private const string LockFileName = ".lock";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public PolicyStore(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("A store directory is required.", nameof(directory));
        }

        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The store directory.</summary>
    public string Directory { get; }

    /// <summary><c>$IPSECPOLICY_STORE</c>, else <c>/var/lib/ipsecpolicy</c> (on Windows, under ProgramData).</summary>
    public static string DefaultDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return fromEnvironment!;
            }

            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "IpSecPolicy")
                : "/var/lib/ipsecpolicy";
        }
    }

    private string DocumentPath => Path.Combine(Directory, DocumentFileName);

    private string SecretsPath => Path.Combine(Directory, SecretsFileName);

    /// <summary>
    /// The current document with back references filled. A store never written holds Windows'
    /// predefined objects. Reads take no lock: files are only ever replaced whole.
    /// </summary>
    public StoreDocument Read()
    {
        var document = ReadDocument();
        document.FillBackReferences();
        return document;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a fresh copy of the document under the store lock and
    /// saves it, unless the change throws or adds a validation error (then nothing is written).
    /// Auth methods that carry a new secret value have it moved to the secret file.
    /// </summary>
    public T Update<T>(Func<StoreDocument, T> change)
    {
        using var _ = AcquireLock();
        RemoveStrayTemporaries();
        var before = ReadDocument();
        var after = before.Clone();
        var result = change(after);
        PolicyValidator.RefuseNewErrors(before, after);
        Save(after);
        after.FillBackReferences();
        return result;
    }

    public void Update(Action<StoreDocument> change) => Update<object?>(document =>
    {
        change(document);
        return null;
    });

    /// <summary>
    /// The pre-shared keys by auth method id. For the engine and -IncludeSecret exports only. Read
    /// alone, without the lock, it may be a write newer than a document read before it; use
    /// <see cref="ReadWithSecrets"/> when the two must agree.
    /// </summary>
    public IReadOnlyDictionary<Guid, string> ReadSecrets()
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(SecretsPath))
            {
                return new Dictionary<Guid, string>();
            }

            bytes = File.ReadAllBytes(SecretsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException(ErrorIds.StoreCorrupt, PolicyErrorCategory.ReadError,
                $"The secret file '{SecretsPath}' cannot be read: {e.Message}", SecretsPath, e);
        }

        Dictionary<Guid, string?>? secrets;
        try
        {
            secrets = JsonSerializer.Deserialize<Dictionary<Guid, string?>>(JsonLineIndex.WithoutByteOrderMark(bytes), PolicyJson.Options);
        }
        catch (JsonException e)
        {
            // Neither the reader's message nor the exception itself goes on: either may quote the
            // file's text, and that text is keys. The path names an auth method id, the line a line.
            throw new PolicyException(ErrorIds.StoreCorrupt, PolicyErrorCategory.InvalidData,
                $"The secret file '{SecretsPath}' is not valid at {SecretFilePath(e.Path)} (line {(e.LineNumber ?? 0) + 1}).", SecretsPath);
        }

        var result = new Dictionary<Guid, string>();
        foreach (var pair in secrets ?? new Dictionary<Guid, string?>())
        {
            if (pair.Value is null)
            {
                throw new PolicyException(ErrorIds.StoreCorrupt, PolicyErrorCategory.InvalidData,
                    $"The secret file '{SecretsPath}' is not valid at $['{pair.Key}']: the key is null.", SecretsPath);
            }

            result.Add(pair.Key, pair.Value);
        }

        return result;
    }

    /// <summary>A JSON path in the secret file only if it names an auth method id, never text that may be a key.</summary>
    private static string SecretFilePath(string? path) =>
        path is not null && path.StartsWith("$.", StringComparison.Ordinal) && Guid.TryParse(path.Substring(2), out _) ? path : "$";

    /// <summary>
    /// The document and the keys as one consistent snapshot: every key the document references is
    /// there. Takes no lock and writes nothing (a reader may not be allowed to): it reads the
    /// document, the keys, and the document again, and retries if a writer replaced the document
    /// in between; the writer's order (keys as a superset, document, pruned keys) does the rest.
    /// </summary>
    public (StoreDocument Document, IReadOnlyDictionary<Guid, string> Secrets) ReadWithSecrets()
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = ReadDocumentBytes();
            var secrets = ReadSecrets();
            var after = ReadDocumentBytes();
            if (SameBytes(before, after) || attempt == 20)
            {
                var document = ParseDocument(after);
                document.FillBackReferences();
                return (document, secrets);
            }

            Thread.Sleep(attempt);
        }
    }

    private static bool SameBytes(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private StoreDocument ReadDocument() => ParseDocument(ReadDocumentBytes());

    /// <summary>The document file's bytes, or null when the store was never written.</summary>
    private byte[]? ReadDocumentBytes()
    {
        try
        {
            return File.ReadAllBytes(DocumentPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException(ErrorIds.StoreCorrupt, PolicyErrorCategory.ReadError, $"The store '{DocumentPath}' cannot be read: {e.Message}", DocumentPath, e);
        }
    }

    private StoreDocument ParseDocument(byte[]? bytes)
    {
        if (bytes is null)
        {
            return PredefinedObjects.NewStore(DateTimeOffset.UtcNow);
        }

        StoreDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<StoreDocument>(JsonLineIndex.WithoutByteOrderMark(bytes), PolicyJson.Options);
        }
        catch (JsonException e)
        {
            throw Corrupt($"is not valid at {e.Path ?? "$"} (line {(e.LineNumber ?? 0) + 1}): {JsonLineIndex.Reason(e)}", e);
        }

        if (document is null || document.FormatVersion > StoreDocument.CurrentFormatVersion)
        {
            throw Corrupt("is empty or of a newer format than this module reads.", null);
        }

        var missing = StoreDocumentShape.FirstMissing(document);
        if (missing is not null)
        {
            var line = JsonLineIndex.Build(bytes).LineOf(missing);
            throw Corrupt($"is not valid at {missing} (line {line}): a value is missing or null.", null);
        }

        MarkStoredSecrets(document);
        return document;
    }

    private PolicyException Corrupt(string problem, Exception? inner) =>
        new(ErrorIds.StoreCorrupt, PolicyErrorCategory.InvalidData, $"The store '{DocumentPath}' {problem}", DocumentPath, inner);

    private void Save(StoreDocument document)
    {
        // Secrets first as a superset, then the document, then the pruned secrets: a crash between
        // any two steps leaves every referenced key present.
        var secrets = new Dictionary<Guid, string>(ReadSecrets().ToDictionary(p => p.Key, p => p.Value));
        var methods = AllAuthMethods(document).ToList();
        foreach (var method in methods.Where(m => m.PreSharedKey is { HasValue: true }))
        {
            secrets[method.Id] = method.PreSharedKey!.Reveal();
            method.PreSharedKey = Secret.Stored;
        }

        if (document.VpnConnection is { Password: { HasValue: true } password } connection)
        {
            secrets[connection.PasswordId] = password.Reveal();
            connection.Password = Secret.Stored;
        }

        WriteAtomically(SecretsPath, JsonSerializer.Serialize(secrets, PolicyJson.Options), secret: true);
        WriteAtomically(DocumentPath, JsonSerializer.Serialize(document, PolicyJson.Options), secret: false);

        var referenced = new HashSet<Guid>(methods.Where(m => m.Kind == AuthMethodKind.PreSharedKey).Select(m => m.Id));
        if (document.VpnConnection is { } kept)
        {
            referenced.Add(kept.PasswordId);
        }
        if (secrets.Keys.Any(id => !referenced.Contains(id)))
        {
            var pruned = secrets.Where(p => referenced.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
            WriteAtomically(SecretsPath, JsonSerializer.Serialize(pruned, PolicyJson.Options), secret: true);
        }
    }

    private void MarkStoredSecrets(StoreDocument document)
    {
        foreach (var method in AllAuthMethods(document).Where(m => m.Kind == AuthMethodKind.PreSharedKey))
        {
            method.PreSharedKey = Secret.Stored;
        }

        if (document.VpnConnection is { } connection)
        {
            connection.Password = Secret.Stored;
        }
    }

    private static IEnumerable<AuthMethod> AllAuthMethods(StoreDocument document) =>
        document.Policies.SelectMany(p => p.Rules.SelectMany(r => r.AuthMethods).Concat(p.DefaultResponseRule.AuthMethods));

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> (write a temporary, fsync,
    /// rename); a <paramref name="secret"/> file is 0600 from its creation. Also used by
    /// <see cref="VpnUserStore"/>, under this store's lock.
    /// </summary>
    internal void WriteAtomically(string path, string content, bool secret)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = secret ? OwnerOnlyFileMode.CreateNew(temporary) : new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new System.Text.UTF8Encoding(false).GetBytes(content);
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
            TryDelete(temporary);
            throw new PolicyException(ErrorIds.StoreWriteFailed, PolicyErrorCategory.WriteError,
                $"The store '{Directory}' cannot be written: {e.Message}", Directory, e);
        }
    }

    /// <summary>
    /// Deletes the temporaries of writers that died before their rename. Only called under the
    /// lock, when no writer of ours is between create and rename; readers never look at them.
    /// </summary>
    internal void RemoveStrayTemporaries()
    {
        IEnumerable<string> strays;
        try
        {
            strays = System.IO.Directory.EnumerateFiles(Directory, "*.tmp")
                .Where(path => Path.GetFileName(path).StartsWith(DocumentFileName + ".", StringComparison.Ordinal)
                    || Path.GetFileName(path).StartsWith(SecretsFileName + ".", StringComparison.Ordinal)
                    || Path.GetFileName(path).StartsWith(VpnUserStore.FileName + ".", StringComparison.Ordinal))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var stray in strays)
        {
            TryDelete(stray);
        }
    }

    /// <summary>The store's exclusive lock across processes; <see cref="VpnUserStore"/> writes under it too.</summary>
    internal IDisposable AcquireLock()
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException(ErrorIds.StoreWriteFailed, PolicyErrorCategory.PermissionDenied,
                $"The store directory '{Directory}' cannot be created: {e.Message}", Directory, e);
        }

        var deadline = DateTime.UtcNow + LockTimeout;
        var delay = 1;
        while (true)
        {
            try
            {
                // On Unix .NET takes an flock(LOCK_EX) for FileShare.None: exclusive across processes.
                return new FileStream(Path.Combine(Directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 50);
            }
            catch (IOException e)
            {
                throw new PolicyException(ErrorIds.StoreLocked, PolicyErrorCategory.ResourceUnavailable,
                    $"The store '{Directory}' stayed locked by another writer for {LockTimeout.TotalSeconds} s.", Directory, e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new PolicyException(ErrorIds.StoreWriteFailed, PolicyErrorCategory.PermissionDenied,
                    $"The store '{Directory}' cannot be locked: {e.Message}", Directory, e);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
