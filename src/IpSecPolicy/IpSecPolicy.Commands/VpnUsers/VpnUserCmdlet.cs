using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.VpnUsers;

/// <summary>
/// Base of the VPN user cmdlets: the user file of the session's store. The password goes in as a
/// SecureString and never comes back out: the users they write carry none, and no message,
/// -WhatIf text or verbose line names it.
/// </summary>
public abstract class VpnUserCmdlet : IpSecCmdlet
{
    private VpnUserStore? users;

    protected VpnUserStore Users => users ??= new VpnUserStore(Store);
}
