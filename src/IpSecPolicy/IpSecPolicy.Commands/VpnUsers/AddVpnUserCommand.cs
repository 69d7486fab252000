using System;
using System.Management.Automation;
using System.Security;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.VpnUsers;

/// <summary>
/// Adds a user to the L2TP/IPsec gateway's user file (RRAS: a local user allowed to dial in; pppd:
/// a chap-secrets line). Writes the new user, without its password.
/// </summary>
[Cmdlet(VerbsCommon.Add, "VpnUser", SupportsShouldProcess = true)]
[OutputType(typeof(VpnUser))]
public sealed class AddVpnUserCommand : VpnUserCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public SecureString? Password { get; set; }

    /// <summary>The IPv4 address the user always gets, instead of one from the pool.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? StaticAddress { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    /// <summary>Adds the user disabled: it cannot log in until Set-VpnUser -Enabled $true.</summary>
    [Parameter]
    public SwitchParameter Disabled { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, "Add VPN user"))
        {
            return;
        }

        Try(() =>
        {
            var user = new VpnUser
            {
                Name = Name,
                Description = Description,
                Enabled = !Disabled,
                StaticAddress = string.IsNullOrWhiteSpace(StaticAddress) ? null : VpnUserRules.ParseStaticAddress(StaticAddress!),
            };
            var password = new Secret(SecureStringText.Read(Password!));
            WriteObject(Users.Update(users => users.AddVpnUser(user, password, DateTimeOffset.UtcNow)));
        });
    }
}
