using System.Linq;
using System.Management.Automation;

namespace IpSecPolicy.Commands.Tests;

/// <summary>Names complete with Tab (TabExpansion2, as the console's Tab key calls it).</summary>
public sealed class CompletionTests : System.IDisposable
{
    private readonly PowerShellSession session = new();

    [Theory]
    [InlineData("Get-IpSecPolicy -Name Sec", "'Secure Server (Require Security)'")]
    [InlineData("Enable-IpSecPolicy Cli", "'Client (Respond Only)'")]
    [InlineData("Get-IpSecPolicy -Name Partn", "Partner")]
    public void Policy_names_complete(string input, string expected)
    {
        session.Invoke("New-IpSecPolicy -Name Partner").Ok();

        Assert.Contains(expected, Complete(input));
    }

    [Theory]
    [InlineData("Get-VpnUser -Name al", "alice")]
    [InlineData("Set-VpnUser Ali", "'Alice Smith'")]
    [InlineData("Remove-VpnUser -Name b", "bob")]
    public void Vpn_user_names_complete(string input, string expected)
    {
        session.DefineSecureString("pw", "pw-for-completion");
        session.Invoke("Add-VpnUser alice $pw; Add-VpnUser 'Alice Smith' $pw; Add-VpnUser bob $pw").Ok();

        Assert.Contains(expected, Complete(input));
    }

    [Fact]
    public void Cmdlet_names_complete()
    {
        Assert.Contains("Enable-IpSecPolicy", Complete("Enable-IpSec"));
    }

    private string[] Complete(string input)
    {
        var result = session.Invoke($"TabExpansion2 -inputScript '{input.Replace("'", "''")}' -cursorColumn {input.Length}").Ok();
        var completions = (CommandCompletion)result.Output.Single().BaseObject;
        return completions.CompletionMatches.Select(m => m.CompletionText).ToArray();
    }

    public void Dispose() => session.Dispose();
}
