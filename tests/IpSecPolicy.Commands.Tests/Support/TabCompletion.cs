using System.Linq;

namespace IpSecPolicy.Commands.Tests.Support;

/// <summary>Asks the session what Tab would offer at the end of a command line.</summary>
internal static class TabCompletion
{
    public static string[] At(PowerShellSession session, string line)
    {
        var quoted = line.Replace("'", "''");
        var result = session.Invoke(
            $"$line = '{quoted}'; [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches | ForEach-Object CompletionText").Ok();
        return result.Output.Select(o => (string)o.BaseObject).ToArray();
    }
}
