using System;
using System.Net;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Objects;

/// <summary>
/// A user of the L2TP/IPsec gateway (the local users RRAS allowed to dial in, pppd's chap-secrets
/// lines). Kept in the store's user file, apart from the policy document. The password is not a
/// public member: what the cmdlets write never carries it, and only the model (the store, the
/// checks) and <see cref="Store.VpnUserStore.ReadWithPasswords"/> reach it.
/// </summary>
public sealed class VpnUser
{
    /// <summary>The user name the client sends (PAP Peer-ID, CHAP and MS-CHAPv2 Name); unique, case-insensitive.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A disabled user stays in the file, keeps its static address, and cannot log in.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The IPv4 address IPCP always gives this user instead of one from the pool; null for the pool.</summary>
    public IPAddress? StaticAddress { get; set; }

    public string? Description { get; set; }

    /// <summary>When the password was set (Add-VpnUser, Set-VpnUser -Password); null for a user written into the file by hand.</summary>
    public DateTimeOffset? PasswordLastSet { get; set; }

    /// <summary>The last change through the cmdlets; null for a user written into the file by hand.</summary>
    public DateTimeOffset? LastModified { get; set; }

    /// <summary>
    /// The password. Holds its value only inside <see cref="Store.VpnUserStore.Update{T}"/>;
    /// objects read for display carry <see cref="Secret.Stored"/>.
    /// </summary>
    internal Secret Password { get; set; } = Secret.Stored;

    public override string ToString() => Name;
}
