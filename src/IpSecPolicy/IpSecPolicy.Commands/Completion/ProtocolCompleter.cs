using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace IpSecPolicy.Commands.Completion;

/// <summary>Tab completion of the protocol names netsh takes (a number 0-255 is accepted too).</summary>
public sealed class ProtocolCompleter : IArgumentCompleter
{
    private static readonly (string Name, string Tooltip)[] Protocols =
    {
        ("Any", "Any protocol (0)"),
        ("ICMP", "ICMP (1; ICMPv6, 58, on IPv6 filters)"),
        ("TCP", "TCP (6); ports may be given"),
        ("UDP", "UDP (17); ports may be given"),
        ("Raw", "Raw IP (255)"),
    };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Protocols
            .Where(p => p.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(p => new CompletionResult(p.Name, p.Name, CompletionResultType.ParameterValue, p.Tooltip));
    }
}
