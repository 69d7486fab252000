using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Commands.FilterLists;

/// <summary>Creates an empty filter list (netsh ipsec static add filterlist); add filters with New-IpSecFilter.</summary>
[Cmdlet(VerbsCommon.New, "IpSecFilterList", SupportsShouldProcess = true)]
[OutputType(typeof(FilterList))]
public sealed class NewIpSecFilterListCommand : IpSecCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, "Create IPsec filter list"))
        {
            return;
        }

        Try(() =>
        {
            var list = Store.Update(document => document.AddFilterList(new FilterList { Name = Name, Description = Description }, DateTimeOffset.UtcNow));
            WriteObject(Store.Read().GetFilterList(list.Name));
        });
    }
}
