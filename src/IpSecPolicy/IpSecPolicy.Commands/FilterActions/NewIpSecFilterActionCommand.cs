using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.FilterActions;

/// <summary>
/// Creates a filter action (netsh ipsec static add filteraction). A Negotiate action given no
/// -SecurityMethod offers SecurityMethod.Defaults. Every parameter binds by property name, so an
/// existing action piped in is copied (give it a new -Name).
/// </summary>
[Cmdlet(VerbsCommon.New, "IpSecFilterAction", SupportsShouldProcess = true)]
[OutputType(typeof(FilterAction))]
public sealed class NewIpSecFilterActionCommand : IpSecCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public FilterActionType Action { get; set; } = FilterActionType.Negotiate;

    /// <summary>Quick mode methods in preference order: objects or netsh strings.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SecurityMethods")]
    [SecurityMethodTransformation]
    public SecurityMethod[]? SecurityMethod { get; set; }

    /// <summary>netsh inpass: accept unsecured communication, but always respond using IPsec.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter AllowUnsecuredInbound { get; set; }

    /// <summary>netsh soft: allow unsecured communication with computers that do not answer IKE.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter FallbackToClear { get; set; }

    /// <summary>netsh qmpfs: a new Diffie-Hellman exchange for every session key.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter SessionKeyPfs { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, $"Create IPsec filter action ({Action})"))
        {
            return;
        }

        Try(() =>
        {
            var action = new FilterAction
            {
                Name = Name,
                Description = Description,
                Action = Action,
                SecurityMethods = SecurityMethod?.ToList() ?? new(),
                AllowUnsecuredInbound = AllowUnsecuredInbound,
                FallbackToClear = FallbackToClear,
                SessionKeyPfs = SessionKeyPfs,
            };
            Store.Update(document => document.AddFilterAction(action, DateTimeOffset.UtcNow));
            WriteObject(Store.Read().GetFilterAction(action.Name));
        });
    }
}
