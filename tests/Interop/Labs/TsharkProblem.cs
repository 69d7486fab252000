namespace Interop.Labs;

/// <summary>One frame tshark found malformed or flagged with an expert warning or error.</summary>
internal sealed record TsharkProblem(int Frame, string Protocols, string Message)
{
    public override string ToString() => $"frame {Frame} ({Protocols}): {Message}";
}
