using System.Management.Automation;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.VpnUsers;

/// <summary>
/// Deletes users from the gateway's user file. ConfirmImpact Medium, not High: removing a user
/// tears down no traffic by itself (a session already up stays up until it ends or
/// Disconnect-VpnSession ends it); the user only cannot log in again.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "VpnUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(VpnUser))]
public sealed class RemoveVpnUserCommand : VpnUserCmdlet
{
    private const string ByName = "ByName";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(VpnUserNameCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public VpnUser[]? InputObject { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var names = InputObject is null ? Name : System.Array.ConvertAll(InputObject, u => u.Name);
        foreach (var name in names)
        {
            Try(() =>
            {
                // A dry run on a copy that is never saved: -WhatIf lists only users that are there,
                // and a name that is not is that item's error.
                Users.Read().RemoveVpnUser(name);
                if (!ShouldProcess(name, "Remove VPN user"))
                {
                    return;
                }

                var removed = Users.Update(users => users.RemoveVpnUser(name));
                if (PassThru)
                {
                    WriteObject(removed);
                }
            });
        }
    }
}
