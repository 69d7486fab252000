using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Completion;

/// <summary>Tab completion of VPN user names, read from the store's user file (names only, never passwords).</summary>
public sealed class VpnUserNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        List<string> names;
        try
        {
            names = new VpnUserStore(new PolicyStore(StoreNameCompleter.StorePath())).Read().Users.Select(u => u.Name).ToList();
        }
        catch (PolicyException)
        {
            return Enumerable.Empty<CompletionResult>();
        }

        return StoreNameCompleter.Matching(names, wordToComplete);
    }
}
