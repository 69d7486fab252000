using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Net.NetworkInformation;

namespace IpSecPolicy.Commands.Completion;

/// <summary>Tab completion of this namespace's network interfaces (loopback left out: the engine never binds to it).</summary>
public sealed class InterfaceAliasCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            return Enumerable.Empty<CompletionResult>();
        }

        return interfaces
            .Where(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .Where(i => i.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
            .Select(i => new CompletionResult(i.Name, i.Name, CompletionResultType.ParameterValue, $"{i.Name} ({i.OperationalStatus})"));
    }
}
