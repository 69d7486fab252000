using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Operations;

/// <summary>What a name of a policy, list, action or rule may be.</summary>
public static class Names
{
    public const int MaxLength = 256;

    public static string Check(string? name, string what)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxLength)
        {
            throw new PolicyException(ErrorIds.InvalidName, PolicyErrorCategory.InvalidArgument,
                $"A {what} name must have 1-{MaxLength} characters.", name);
        }

        if (trimmed.IndexOfAny(new[] { '*', '?', '[', ']' }) >= 0)
        {
            throw new PolicyException(ErrorIds.InvalidName, PolicyErrorCategory.InvalidArgument,
                $"A {what} name cannot contain wildcard characters (* ? [ ]): '{name}'.", name);
        }

        return trimmed;
    }
}
