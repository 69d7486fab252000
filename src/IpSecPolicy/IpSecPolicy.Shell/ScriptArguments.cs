using System.Collections.Generic;
using System.Management.Automation;

namespace IpSecPolicy.Shell;

/// <summary>
/// Binds a command line's words to a script the way pwsh -File does: <c>-Name value</c> is a named
/// parameter, <c>-Name</c> followed by another parameter name or nothing is a switch, and any other
/// word is positional.
/// </summary>
internal static class ScriptArguments
{
    public static void AddTo(PowerShell shell, IReadOnlyList<string> words)
    {
        for (int i = 0; i < words.Count; i++)
        {
            if (!IsParameterName(words[i]))
            {
                shell.AddArgument(words[i]);
                continue;
            }

            var name = words[i][1..].TrimEnd(':');
            if (i + 1 < words.Count && !IsParameterName(words[i + 1]))
            {
                shell.AddParameter(name, words[++i]);
            }
            else
            {
                shell.AddParameter(name);
            }
        }
    }

    // "-5" is a negative number, not a parameter.
    private static bool IsParameterName(string word) => word.Length > 1 && word[0] == '-' && char.IsLetter(word[1]);
}
