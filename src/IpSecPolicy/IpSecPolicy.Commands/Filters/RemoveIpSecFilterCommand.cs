using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Filters;

/// <summary>
/// Removes filters from a filter list (netsh ipsec static delete filter): piped from
/// Get-IpSecFilter, or chosen as netsh chooses them, by list, source and destination, narrowed by
/// protocol, ports and mirrored when those are given; every filter that matches is removed.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "IpSecFilter", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObject)]
[OutputType(typeof(Filter))]
public sealed class RemoveIpSecFilterCommand : IpSecCmdlet
{
    private const string BySelector = "BySelector";
    private const string ByInputObject = "ByInputObject";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    public Filter[]? InputObject { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = BySelector)]
    [ArgumentCompleter(typeof(FilterListNameCompleter))]
    public string FilterList { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = BySelector)]
    public string SourceAddress { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = BySelector)]
    public string DestinationAddress { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = BySelector)]
    public string? SourceMask { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = BySelector)]
    public string? DestinationMask { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = BySelector)]
    [ArgumentCompleter(typeof(ProtocolCompleter))]
    public string? Protocol { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = BySelector)]
    [ValidateRange(0, 65535)]
    public int SourcePort { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = BySelector)]
    [ValidateRange(0, 65535)]
    public int DestinationPort { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = BySelector)]
    public bool Mirrored { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null)
        {
            foreach (var filter in InputObject)
            {
                Try(() =>
                {
                    if (ShouldProcess(filter.FilterList ?? "(no list)", $"Remove IPsec filter '{filter}'"))
                    {
                        Written(Store.Update(document => document.RemoveFilter(filter, DateTimeOffset.UtcNow)));
                    }
                });
            }

            return;
        }

        Try(() =>
        {
            var bound = MyInvocation.BoundParameters;
            var selector = new FilterSelector(FilterAddress.Parse(SourceAddress, SourceMask), FilterAddress.Parse(DestinationAddress, DestinationMask))
            {
                Protocol = Protocol is null ? null : FilterProtocol.Parse(Protocol),
                SourcePort = bound.ContainsKey(nameof(SourcePort)) ? (ushort)SourcePort : null,
                DestinationPort = bound.ContainsKey(nameof(DestinationPort)) ? (ushort)DestinationPort : null,
                Mirrored = bound.ContainsKey(nameof(Mirrored)) ? Mirrored : null,
            };

            if (ShouldProcess(FilterList, $"Remove IPsec filters matching {selector}"))
            {
                foreach (var removed in Store.Update(document => document.RemoveFilters(FilterList, selector, DateTimeOffset.UtcNow)))
                {
                    Written(removed);
                }
            }
        });
    }

    private void Written(Filter removed)
    {
        WriteVerbose($"Removed filter '{removed}' from filter list '{removed.FilterList}'.");
        if (PassThru)
        {
            WriteObject(removed);
        }
    }
}
