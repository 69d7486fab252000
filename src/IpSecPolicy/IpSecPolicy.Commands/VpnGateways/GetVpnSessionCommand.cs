using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// The VPN gateway's sessions, like RRAS's Remote Access Clients view: who, from which public
/// address and port, which address they were given, since when, traffic each way, and the quick
/// mode SA under it (Get-IpSecQuickModeSA -Id). A plain user name or an id that matches no session
/// is a VpnSessionNotFound error; a pattern that matches none writes nothing.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VpnSession")]
[OutputType(typeof(VpnSession))]
public sealed class GetVpnSessionCommand : VpnEngineCmdlet
{
    /// <summary>Only sessions of these users (wildcards allowed); Get-VpnUser's objects bind by their Name.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("Name")]
    [ArgumentCompleter(typeof(VpnUserNameCompleter))]
    public string[]? UserName { get; set; }

    /// <summary>Only these sessions, by the number the gateway gave them.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ulong[]? Id { get; set; }

    protected override void ProcessRecord()
    {
        var client = Control;
        List<VpnSession> sessions;
        try
        {
            sessions = client.Call<List<VpnSession>>(ControlCommands.GetVpnSession) ?? new List<VpnSession>();
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        var ids = Id ?? new ulong[0];
        foreach (var session in sessions.Where(s => (ids.Length == 0 || ids.Contains(s.Id)) && Matches(s.UserName, UserName)))
        {
            WriteObject(session);
        }

        foreach (var id in ids.Where(id => !sessions.Any(s => s.Id == id)))
        {
            var text = id.ToString(CultureInfo.InvariantCulture);
            WriteNotFound(ErrorIds.VpnSessionNotFound, $"There is no VPN session with id {text}.", text);
        }

        foreach (var name in (UserName ?? new string[0]).Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && !sessions.Any(s => Matches(s.UserName, new[] { n }))))
        {
            WriteNotFound(ErrorIds.VpnSessionNotFound, $"User '{name}' has no VPN session.", name);
        }
    }

    private static bool Matches(string userName, IReadOnlyCollection<string>? patterns) =>
        patterns is null || patterns.Count == 0 || patterns.Any(p => new WildcardPattern(p, WildcardOptions.IgnoreCase).IsMatch(userName));
}
