using System;
using System.Management.Automation;
using System.Security;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.VpnUsers;

/// <summary>
/// Changes a gateway user: password, static address, state, description or name. Only the given
/// parameters change. -StaticAddress and -ClearStaticAddress are in different parameter sets, so
/// asking for both is a binding error rather than a guess.
/// </summary>
[Cmdlet(VerbsCommon.Set, "VpnUser", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(VpnUser))]
public sealed class SetVpnUserCommand : VpnUserCmdlet
{
    private const string ByName = "ByName";
    private const string ByNameClearAddress = "ByNameClearStaticAddress";
    private const string ByInputObject = "ByInputObject";
    private const string ByInputObjectClearAddress = "ByInputObjectClearStaticAddress";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByNameClearAddress)]
    [ArgumentCompleter(typeof(VpnUserNameCompleter))]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObjectClearAddress)]
    public VpnUser? InputObject { get; set; }

    [Parameter]
    public string? NewName { get; set; }

    [Parameter]
    public SecureString? Password { get; set; }

    [Parameter(ParameterSetName = ByName)]
    [Parameter(ParameterSetName = ByInputObject)]
    public string? StaticAddress { get; set; }

    /// <summary>Takes the static address away: the user gets addresses from the pool again.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByNameClearAddress)]
    [Parameter(Mandatory = true, ParameterSetName = ByInputObjectClearAddress)]
    public SwitchParameter ClearStaticAddress { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    public bool Enabled { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var name = InputObject?.Name ?? Name;
        if (!ShouldProcess(name, Password is null ? "Set VPN user" : "Set VPN user, with a new password"))
        {
            return;
        }

        Try(() =>
        {
            var bound = MyInvocation.BoundParameters;
            var change = new VpnUserChange
            {
                NewName = NewName,
                Enabled = bound.ContainsKey(nameof(Enabled)) ? Enabled : null,
                Password = Password is null ? null : new Secret(SecureStringText.Read(Password)),
            };
            if (ClearStaticAddress)
            {
                change.StaticAddress = null;
            }
            else if (bound.ContainsKey(nameof(StaticAddress)))
            {
                // -StaticAddress $null or '' also takes the address away, as -ClearStaticAddress does.
                change.StaticAddress = string.IsNullOrWhiteSpace(StaticAddress) ? null : VpnUserRules.ParseStaticAddress(StaticAddress!);
            }

            if (bound.ContainsKey(nameof(Description)))
            {
                change.Description = Description;
            }

            var user = Users.Update(users => users.ChangeVpnUser(name, change, DateTimeOffset.UtcNow));
            if (change.Password is not null)
            {
                WriteVerbose($"The password of VPN user '{user.Name}' was replaced.");
            }

            if (PassThru)
            {
                WriteObject(user);
            }
        });
    }
}
