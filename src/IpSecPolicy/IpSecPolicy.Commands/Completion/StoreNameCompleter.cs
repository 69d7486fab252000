using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Completion;

/// <summary>Tab completion of names held in the store (policies, filter lists, filter actions).</summary>
public abstract class StoreNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<string> names;
        try
        {
            names = NamesIn(new PolicyStore(StorePath()).Read(), fakeBoundParameters);
        }
        catch (PolicyException)
        {
            return Enumerable.Empty<CompletionResult>();
        }

        return Matching(names, wordToComplete);
    }

    protected abstract IEnumerable<string> NamesIn(StoreDocument document, IDictionary fakeBoundParameters);

    /// <summary>The names that start with what was typed, sorted, quoted where the console needs quotes.</summary>
    internal static IEnumerable<CompletionResult> Matching(IEnumerable<string> names, string? wordToComplete)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        foreach (var name in names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).OrderBy(n => n, StringComparer.OrdinalIgnoreCase))
        {
            var text = name.IndexOfAny(new[] { ' ', '(', ')', '\'', '<', '>' }) >= 0 ? $"'{name.Replace("'", "''")}'" : name;
            yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
        }
    }

    /// <summary>The store directory the session's cmdlets use.</summary>
    internal static string StorePath()
    {
        // Completion runs on the session's thread; honour $IpSecPolicyStore as the cmdlets do.
        // (SessionStateProxy refuses calls while a pipeline runs; a script block reads the variable in place.)
        var fromSession = ScriptBlock.Create("$" + IpSecCmdlet.StoreVariable).Invoke().FirstOrDefault()?.BaseObject as string;
        return string.IsNullOrWhiteSpace(fromSession) ? PolicyStore.DefaultDirectory : fromSession!;
    }
}

public sealed class PolicyNameCompleter : StoreNameCompleter
{
    protected override IEnumerable<string> NamesIn(StoreDocument document, IDictionary fakeBoundParameters) =>
        document.Policies.Select(p => p.Name);
}

public sealed class FilterListNameCompleter : StoreNameCompleter
{
    protected override IEnumerable<string> NamesIn(StoreDocument document, IDictionary fakeBoundParameters) =>
        document.FilterLists.Select(l => l.Name);
}

public sealed class FilterActionNameCompleter : StoreNameCompleter
{
    protected override IEnumerable<string> NamesIn(StoreDocument document, IDictionary fakeBoundParameters) =>
        document.FilterActions.Select(a => a.Name);
}

/// <summary>Rule names of the policy already given with -Policy (or of every policy).</summary>
public sealed class RuleNameCompleter : StoreNameCompleter
{
    protected override IEnumerable<string> NamesIn(StoreDocument document, IDictionary fakeBoundParameters)
    {
        var policy = fakeBoundParameters?["Policy"] as string;
        return document.Policies
            .Where(p => policy is null || StoreDocument.Same(p.Name, policy))
            .SelectMany(p => p.Rules.Select(r => r.Name))
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
