using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// The content of the store's user file (<c>vpn-users.json</c>): the gateway's users in the order
/// they were added. Lookups are by name, case-insensitive. Changes go through
/// <see cref="Operations.VpnUserOperations"/> inside <see cref="VpnUserStore.Update{T}"/>.
/// </summary>
public sealed class VpnUserDatabase
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; set; } = CurrentFormatVersion;

    public List<VpnUser> Users { get; set; } = new();

    public VpnUser? FindUser(string name) => Users.FirstOrDefault(u => StoreDocument.Same(u.Name, name));

    public VpnUser GetUser(string name) => FindUser(name)
        ?? throw new PolicyException(ErrorIds.VpnUserNotFound, PolicyErrorCategory.ObjectNotFound, $"There is no VPN user named '{name}'.", name);
}
