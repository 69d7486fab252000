using IpSecPolicy.Model.Objects;

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
    }

    public Policy Policy { get; }

    public Rule Rule { get; }

    public int RuleIndex { get; }

    public FilterList List { get; }

    public FilterAction Action { get; }
}
