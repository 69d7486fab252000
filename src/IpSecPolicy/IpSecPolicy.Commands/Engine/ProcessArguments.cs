using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// Builds ProcessStartInfo.Arguments from a list. netstandard2.0 has no ArgumentList, and .NET
/// splits the string with the Windows rules (double quotes group, backslashes escape only before a
/// quote) on every platform, so each argument is quoted by those rules and comes out unchanged.
/// </summary>
internal static class ProcessArguments
{
    public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"', '\'' }) < 0)
        {
            return argument;
        }

        var quoted = new StringBuilder("\"");
        for (var i = 0; ; i++)
        {
            var backslashes = 0;
            while (i < argument.Length && argument[i] == '\\')
            {
                i++;
                backslashes++;
            }

            if (i == argument.Length)
            {
                // Doubled: the closing quote that follows must not be escaped by them.
                quoted.Append('\\', backslashes * 2);
                break;
            }

            if (argument[i] == '"')
            {
                quoted.Append('\\', (backslashes * 2) + 1).Append('"');
            }
            else
            {
                quoted.Append('\\', backslashes).Append(argument[i]);
            }
        }

        return quoted.Append('"').ToString();
    }
}
