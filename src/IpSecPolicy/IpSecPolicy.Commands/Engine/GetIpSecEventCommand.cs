using System;
using System.Collections.Generic;
using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// The engine's audit events, newest first, with Windows' event numbers (541 main mode established,
/// 5460 policy applied, ...), filtered by id and time like Get-WinEvent's hash table.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IpSecEvent")]
[OutputType(typeof(AuditEvent))]
public sealed class GetIpSecEventCommand : EngineCmdlet
{
    /// <summary>Only these event ids.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Id { get; set; }

    /// <summary>Only events created after this time.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Only events created before this time.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>At most this many, the newest.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Newest { get; set; }

    protected override void ProcessRecord()
    {
        var client = Control;
        var query = new EventQuery
        {
            Id = Id is null ? null : new List<int>(Id),
            After = After is null ? null : new DateTimeOffset(After.Value),
            Before = Before is null ? null : new DateTimeOffset(Before.Value),
            Newest = Newest,
        };
        try
        {
            foreach (var item in client.Call<List<AuditEvent>>(ControlCommands.GetEvents, query.ToArguments()) ?? new List<AuditEvent>())
            {
                WriteObject(item);
            }
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
        }
    }
}
