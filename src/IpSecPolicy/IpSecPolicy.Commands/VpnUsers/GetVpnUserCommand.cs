using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.VpnUsers;

/// <summary>Lists the gateway's users (names, state, static addresses; never passwords).</summary>
[Cmdlet(VerbsCommon.Get, "VpnUser")]
[OutputType(typeof(VpnUser))]
public sealed class GetVpnUserCommand : VpnUserCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VpnUserNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var (matches, missing) = NameFilter.Select(Users.Read().Users, Name, u => u.Name);
            foreach (var name in missing)
            {
                WriteNotFound(ErrorIds.VpnUserNotFound, $"There is no VPN user named '{name}'.", name);
            }

            WriteObject(matches, enumerateCollection: true);
        });
    }
}
