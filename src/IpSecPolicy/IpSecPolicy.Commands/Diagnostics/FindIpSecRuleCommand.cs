using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Diagnostics;

/// <summary>
/// Tells which effective filter, rule and filter action decide a packet under a policy (default: the
/// assigned one), and which filters were considered in order with why each lost.
/// </summary>
[Cmdlet(VerbsCommon.Find, "IpSecRule")]
[OutputType(typeof(MatchResult))]
public sealed class FindIpSecRuleCommand : CompilingCmdlet
{
    private (string Policy, CompiledPolicy Compiled)? cache;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string? Policy { get; set; }

    /// <summary>The packet's source: an IPv4 or IPv6 address, or Me (this host's first address of the destination's family).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string SourceAddress { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string DestinationAddress { get; set; } = string.Empty;

    /// <summary>Any (a packet of no particular protocol: only protocol-Any filters match it), ICMP, TCP, UDP, Raw, or 0-255.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string Protocol { get; set; } = "Any";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ushort SourcePort { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ushort DestinationPort { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var compiled = Compile();
            var protocol = FilterProtocol.Parse(Protocol);
            var (source, destination) = Addresses();
            var result = compiled.Match(source, destination, protocol, SourcePort, DestinationPort);
            WriteVerbose($"{result.Packet}: {result.Verdict}; {result.Candidates.Count} filters considered.");
            WriteObject(result);
        });
    }

    /// <summary>The policy compiled once per command, even for many piped packets.</summary>
    private CompiledPolicy Compile()
    {
        var document = Store.Read();
        var policy = string.IsNullOrEmpty(Policy)
            ? document.Assigned ?? throw new PolicyException(ErrorIds.NoPolicyAssigned, PolicyErrorCategory.InvalidOperation,
                "No policy is assigned. Name one with -Policy, or assign one with Enable-IpSecPolicy.", null)
            : document.GetPolicy(Policy!);
        if (cache is { } hit && StoreDocument.Same(hit.Policy, policy.Name))
        {
            return hit.Compiled;
        }

        var compiled = PolicyCompiler.Compile(document, policy, CompileHost);
        foreach (var diagnostic in compiled.Diagnostics)
        {
            WriteWarning($"{diagnostic.Target}: {diagnostic.Message}");
        }

        cache = (policy.Name, compiled);
        return compiled;
    }

    private (IPAddress Source, IPAddress Destination) Addresses()
    {
        var source = ParseOrNull(SourceAddress, nameof(SourceAddress));
        var destination = ParseOrNull(DestinationAddress, nameof(DestinationAddress));
        var family = source?.AddressFamily ?? destination?.AddressFamily ?? AddressFamily.InterNetwork;
        return (source ?? Me(family), destination ?? Me(family));
    }

    /// <summary>An address, or null for Me.</summary>
    private static IPAddress? ParseOrNull(string text, string parameter)
    {
        if (string.Equals(text.Trim(), "Me", System.StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return FilterAddress.TryParseIp(text, out var address)
            ? address
            : throw new PolicyException(ErrorIds.InvalidAddress, PolicyErrorCategory.InvalidArgument,
                $"-{parameter} '{text}' is not an IPv4 or IPv6 address (or Me).", text);
    }

    private IPAddress Me(AddressFamily family) =>
        CompileHost.Addresses.Select(a => a.Address).FirstOrDefault(a => a.AddressFamily == family)
        ?? throw new PolicyException(ErrorIds.InvalidAddress, PolicyErrorCategory.InvalidArgument,
            $"Me stands for no {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address on this host.", "Me");
}
