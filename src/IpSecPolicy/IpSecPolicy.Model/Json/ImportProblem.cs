namespace IpSecPolicy.Model.Json;

/// <summary>
/// Where a policy document is wrong and why: the target of an import's refusal, so a script can
/// read <c>$error[0].TargetObject.Line</c>. Never holds a key: reasons name properties, not values
/// of <c>preSharedKey</c>.
/// </summary>
public sealed class ImportProblem
{
    public ImportProblem(string source, string jsonPath, int line, string reason)
    {
        Source = source;
        JsonPath = jsonPath;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file (or the name the caller gave the text).</summary>
    public string Source { get; }

    /// <summary>The JSON path of the offending value, e.g. <c>$.policy.rules[0].filterList</c>.</summary>
    public string JsonPath { get; }

    /// <summary>1-based line of the offending value.</summary>
    public int Line { get; }

    public string Reason { get; }

    public override string ToString() => $"{Source}: line {Line}: {JsonPath}: {Reason}";
}
