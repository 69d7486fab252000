using System;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Filters;

/// <summary>
/// Adds a filter to a filter list (netsh ipsec static add filter). Left out, the source is Me and
/// the destination Any (the other side of a server token is Me); the protocol is Any; the filter
/// is mirrored. Every parameter also binds by property name, so a CSV of filters can be piped in.
/// </summary>
[Cmdlet(VerbsCommon.New, "IpSecFilter", SupportsShouldProcess = true)]
[OutputType(typeof(Filter))]
public sealed class NewIpSecFilterCommand : IpSecCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(FilterListNameCompleter))]
    public string FilterList { get; set; } = string.Empty;

    /// <summary>Me, Any, an address, prefix, range, DNS name, or Dns/Wins/Dhcp/Gateway.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SourceAddress { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? DestinationAddress { get; set; }

    /// <summary>A dotted mask or prefix length for -SourceAddress (netsh srcmask).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SourceMask { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? DestinationMask { get; set; }

    /// <summary>Any, ICMP, TCP, UDP, Raw or a number 0-255.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProtocolCompleter))]
    public string Protocol { get; set; } = "Any";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 65535)]
    public int SourcePort { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 65535)]
    public int DestinationPort { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public bool Mirrored { get; set; } = true;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var (source, destination) = FilterOperations.DefaultSides(
                ParseAddress(SourceAddress, SourceMask, nameof(SourceAddress)),
                ParseAddress(DestinationAddress, DestinationMask, nameof(DestinationAddress)));
            var filter = new Filter
            {
                SourceAddress = source,
                DestinationAddress = destination,
                Protocol = FilterProtocol.Parse(Protocol),
                SourcePort = (ushort)SourcePort,
                DestinationPort = (ushort)DestinationPort,
                Mirrored = Mirrored,
                Description = Description,
            };

            if (!ShouldProcess(FilterList, $"Add IPsec filter '{filter}'"))
            {
                return;
            }

            WriteObject(Store.Update(document => document.AddFilter(FilterList, filter, DateTimeOffset.UtcNow)));
        });
    }

    private static FilterAddress? ParseAddress(string? address, string? mask, string addressParameter)
    {
        if (address is not null)
        {
            return FilterAddress.Parse(address, mask);
        }

        if (!string.IsNullOrWhiteSpace(mask))
        {
            throw new PolicyException(ErrorIds.InvalidMask, PolicyErrorCategory.InvalidArgument,
                $"The mask '{mask}' needs an address: give -{addressParameter} with it.", mask);
        }

        return null;
    }
}
