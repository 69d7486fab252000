using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using Engine.L2tp.Ppp.Auth;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace Engine.Host.Vpn;

/// <summary>
/// The gateway's users, read from the store's user file and kept in memory; the file is read again
/// when its modification time changes (one stat per lookup), so an added, changed, disabled or
/// removed user counts from the next login on. A file that cannot be read keeps the last good
/// users (the engine logs why) rather than locking everyone out.
/// </summary>
internal sealed class VpnUserDirectory
{
    private readonly VpnUserStore store;
    private readonly Action<string> reportProblem;
    private readonly Lock gate = new();
    private DateTime loadedStamp = DateTime.MinValue;
    private IReadOnlyList<VpnUser> users = [];
    private IReadOnlyDictionary<string, string> passwords = new Dictionary<string, string>();

    public VpnUserDirectory(string storeDirectory, Action<string> reportProblem)
    {
        store = new VpnUserStore(new PolicyStore(storeDirectory));
        this.reportProblem = reportProblem;
    }

    /// <summary>Raised (under no lock of ours) after the users were read again.</summary>
    public event Action<IReadOnlyList<VpnUser>>? Reloaded;

    /// <summary>The users as last read (no passwords).</summary>
    public IReadOnlyList<VpnUser> Users
    {
        get
        {
            Refresh();
            lock (gate)
            {
                return users;
            }
        }
    }

    /// <summary>The PPP stack's lookup: an enabled user's password, null for an unknown or disabled one.</summary>
    public PppPassword? Lookup(string userName)
    {
        Refresh();
        lock (gate)
        {
            var user = users.FirstOrDefault(u => string.Equals(u.Name, userName, StringComparison.OrdinalIgnoreCase));
            return user is { Enabled: true } && passwords.TryGetValue(user.Name, out var password) ? PppPassword.FromString(password) : null;
        }
    }

    /// <summary>Why a name failed: "unknown user" or "disabled user" (for the audit event, never the password).</summary>
    public string Describe(string? userName)
    {
        lock (gate)
        {
            var user = users.FirstOrDefault(u => string.Equals(u.Name, userName, StringComparison.OrdinalIgnoreCase));
            return user is null ? "unknown user" : user.Enabled ? "known user" : "disabled user";
        }
    }

    /// <summary>Reads the file again if it changed since the last read.</summary>
    public void Refresh()
    {
        DateTime stamp;
        try
        {
            stamp = File.Exists(store.FilePath) ? File.GetLastWriteTimeUtc(store.FilePath) : DateTime.MinValue.AddTicks(1);
        }
        catch (IOException)
        {
            return;
        }

        IReadOnlyList<VpnUser> loaded;
        lock (gate)
        {
            if (stamp == loadedStamp)
            {
                return;
            }

            try
            {
                var (database, read) = store.ReadWithPasswords();
                users = database.Users.ToList();
                passwords = read;
                loaded = users;
                loadedStamp = stamp;
            }
            catch (IpSecPolicy.Model.Errors.PolicyException problem)
            {
                loadedStamp = stamp; // report once per version of the file
                reportProblem(problem.Message);
                return;
            }
        }

        Reloaded?.Invoke(loaded);
    }

    /// <summary>Users' static addresses, by name.</summary>
    public static IEnumerable<(string Name, IPAddress Address)> StaticAddresses(IEnumerable<VpnUser> users) =>
        users.Where(u => u.StaticAddress is not null).Select(u => (u.Name, u.StaticAddress!));
}
