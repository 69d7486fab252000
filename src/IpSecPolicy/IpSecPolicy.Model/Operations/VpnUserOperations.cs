using System;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Changes to the gateway's users, applied to the user database inside
/// <see cref="VpnUserStore.Update{T}"/>. Each refuses before it changes anything.
/// </summary>
public static class VpnUserOperations
{
    /// <summary>
    /// Adds <paramref name="user"/> with <paramref name="password"/>. Refused: a bad name
    /// (InvalidName), password (InvalidPassword) or static address (InvalidAddress), a name another
    /// user has (NameCollision), an address another user has (StaticAddressInUse).
    /// </summary>
    public static VpnUser AddVpnUser(this VpnUserDatabase database, VpnUser user, Secret password, DateTimeOffset now)
    {
        user.Name = VpnUserRules.CheckName(user.Name);
        VpnUserRules.RefuseNameTaken(database.Users, user.Name, null);
        VpnUserRules.CheckPassword(password, user.Name);
        if (user.StaticAddress is not null)
        {
            VpnUserRules.CheckStaticAddress(user.StaticAddress);
            VpnUserRules.RefuseAddressTaken(database.Users, user.StaticAddress, null);
        }

        user.Password = password;
        user.PasswordLastSet = now;
        user.LastModified = now;
        database.Users.Add(user);
        return user;
    }

    /// <summary>Applies the given changes to the named user (VpnUserNotFound if there is none); what the change leaves null stays.</summary>
    public static VpnUser ChangeVpnUser(this VpnUserDatabase database, string name, VpnUserChange change, DateTimeOffset now)
    {
        var user = database.GetUser(name);
        var newName = change.NewName is null ? user.Name : VpnUserRules.CheckName(change.NewName);
        VpnUserRules.RefuseNameTaken(database.Users, newName, user);
        if (change.Password is not null)
        {
            VpnUserRules.CheckPassword(change.Password, newName);
        }

        if (change.ChangesStaticAddress && change.StaticAddress is not null)
        {
            VpnUserRules.CheckStaticAddress(change.StaticAddress);
            VpnUserRules.RefuseAddressTaken(database.Users, change.StaticAddress, user);
        }

        user.Name = newName;
        if (change.Password is not null)
        {
            user.Password = change.Password;
            user.PasswordLastSet = now;
        }

        if (change.ChangesStaticAddress)
        {
            user.StaticAddress = change.StaticAddress;
        }

        if (change.ChangesDescription)
        {
            user.Description = change.Description;
        }

        user.Enabled = change.Enabled ?? user.Enabled;
        user.LastModified = now;
        return user;
    }

    /// <summary>
    /// Removes the named user (VpnUserNotFound if there is none) and returns it without its
    /// password. A session the user has open is not ended by this: that is Disconnect-VpnSession.
    /// </summary>
    public static VpnUser RemoveVpnUser(this VpnUserDatabase database, string name)
    {
        var user = database.GetUser(name);
        database.Users.Remove(user);
        user.Password = Secret.Stored;
        return user;
    }
}
