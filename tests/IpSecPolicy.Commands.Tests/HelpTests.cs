using System;
using System.IO;
using System.Linq;
using IpSecPolicy.HelpGen;

namespace IpSecPolicy.Commands.Tests;

/// <summary>Every cmdlet has complete help, the shipped MAML matches docs/cmdlets, and Get-Help shows it.</summary>
public sealed class HelpTests : IDisposable
{
    private static readonly string Root = HelpGen.Program.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("repository root not found");

    private readonly PowerShellSession session = new();

    [Fact]
    public void Every_cmdlet_has_a_synopsis_a_description_an_example_and_every_parameter_described()
    {
        var problems = HelpSet.Load(Root).Problems().ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_shipped_maml_is_generated_from_the_docs()
    {
        var expected = HelpSet.Load(Root).Maml();
        var shipped = File.ReadAllText(Path.Combine(Root, HelpSet.MamlRelativePath));

        Assert.True(expected == shipped, "module help is stale: run `dotnet run --project tools/HelpGen`");
    }

    [Fact]
    public void Get_help_shows_synopsis_and_examples()
    {
        var text = session.Render("Get-Help New-IpSecPolicy -Full");

        Assert.Contains("Creates an IPsec policy in the local policy store.", text);
        Assert.Contains("New-IpSecPolicy -Name 'Partner'", text);
        Assert.Contains("-MainModeLifetimeMinutes", text);
    }

    public void Dispose() => session.Dispose();
}
