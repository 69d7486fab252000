using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Compiler;

/// <summary>One active rule with the list and action it names, as the compiler walks them.</summary>
internal sealed class RuleParts
{
    public RuleParts(Policy policy, Rule rule, int ruleIndex, FilterList list, FilterAction action)
    {
        Policy = policy;
        Rule = rule;
        RuleIndex = ruleIndex;
        List = list;
        Action = action;
        SecurityMethods = action.SecurityMethods.ToArray();
        AuthMethods = rule.AuthMethods.Select(m => m.Clone()).ToArray();
    }

    public Policy Policy { get; }

    public Rule Rule { get; }

    public int RuleIndex { get; }

    public FilterList List { get; }

    public FilterAction Action { get; }

    /// <summary>A copy shared by all of the rule's effective filters, so that later edits of the document do not change them.</summary>
    public IReadOnlyList<SecurityMethod> SecurityMethods { get; }

    public IReadOnlyList<AuthMethod> AuthMethods { get; }
}
