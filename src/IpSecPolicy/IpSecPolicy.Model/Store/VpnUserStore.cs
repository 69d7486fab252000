using System;
using System.Collections.Generic;
using System.IO;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// The gateway's users: <c>vpn-users.json</c> in the store directory, apart from the policy
/// document, mode 0600. Passwords are kept as their cleartext value, as pppd's chap-secrets and
/// RRAS's reversible encryption keep them, because CHAP-MD5 needs the secret itself on the server
/// (docs/vpn-gateway.md, "The user database", says why no hash would do). Changes run under the
/// policy store's lock and replace the file atomically the way <see cref="PolicyStore"/> writes,
/// so concurrent writers lose nothing and a killed writer leaves the last complete file. A file
/// that does not parse is refused (StoreCorrupt) and never overwritten.
/// </summary>
public sealed class VpnUserStore
{
    public const string FileName = "vpn-users.json";

    private readonly PolicyStore store;

    public VpnUserStore(PolicyStore store)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>The user file's full path.</summary>
    public string FilePath => Path.Combine(store.Directory, FileName);

    /// <summary>
    /// The users without their passwords (what the cmdlets show). A store without a user file has
    /// no users. Reads take no lock: the file is only ever replaced whole.
    /// </summary>
    public VpnUserDatabase Read()
    {
        var database = Load();
        ForgetPasswords(database);
        return database;
    }

    /// <summary>
    /// The users and, by user name (case-insensitive), their passwords, read from one version of
    /// the file. For the gateway's PAP/CHAP/MS-CHAPv2 checks only; never for display.
    /// </summary>
    public (VpnUserDatabase Users, IReadOnlyDictionary<string, string> Passwords) ReadWithPasswords()
    {
        var database = Load();
        var passwords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in database.Users)
        {
            passwords.Add(user.Name, user.Password.Reveal());
        }

        ForgetPasswords(database);
        return (database, passwords);
    }

    /// <summary>
    /// Applies <paramref name="change"/> (see <see cref="Operations.VpnUserOperations"/>) to the
    /// latest users under the store's lock and writes the file, unless the change throws or leaves
    /// a user that breaks a rule (then nothing is written). The objects the change returns carry no
    /// password afterwards.
    /// </summary>
    public T Update<T>(Func<VpnUserDatabase, T> change)
    {
        using var _ = store.AcquireLock();
        store.RemoveStrayTemporaries();
        var database = Load();
        var result = change(database);
        if (VpnUserRules.FirstViolation(database.Users, requirePasswords: true) is { } violation)
        {
            throw violation.Error;
        }

        store.WriteAtomically(FilePath, VpnUserFile.Write(database), secret: true);
        ForgetPasswords(database);
        return result;
    }

    public void Update(Action<VpnUserDatabase> change) => Update<object?>(database =>
    {
        change(database);
        return null;
    });

    /// <summary>The file's users, each holding its password; an empty database when there is no file.</summary>
    private VpnUserDatabase Load()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(FilePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new VpnUserDatabase();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException(ErrorIds.StoreCorrupt, PolicyErrorCategory.ReadError,
                $"The user file '{FilePath}' cannot be read: {e.Message}", FilePath, e);
        }

        return VpnUserFile.Parse(bytes, FilePath);
    }

    private static void ForgetPasswords(VpnUserDatabase database)
    {
        foreach (var user in database.Users)
        {
            user.Password = Secret.Stored;
        }
    }
}
