using System.IO;
using IpSecPolicy.Shell;

namespace IpSecPolicy.Commands.Tests;

/// <summary>
/// How ipsecpolicy-shell binds its command line to a script, as pwsh -File does: <c>-Name value</c>
/// is a named parameter, a <c>-Name</c> followed by another parameter name or by nothing is a
/// switch, a negative number is a value, and other words are positional. ScriptArguments is
/// internal to the shell, so these tests go through ScriptRunner.Run, as the shell's Main does.
/// </summary>
public sealed class ScriptArgumentsTests
{
    private const string Named = """
        param([string]$Name, [int]$Count, [switch]$Force)
        "Name=$Name|Count=$Count|Force=$Force"
        """;

    private const string Positional = """
        param($First, $Second, [switch]$Force)
        "First=$First|Second=$Second|Force=$Force"
        """;

    [Fact]
    public void A_name_followed_by_a_value_is_a_named_parameter()
    {
        Assert.Equal("Name=web|Count=3|Force=False", Run(Named, "-Name", "web", "-Count", "3"));
    }

    [Fact]
    public void Named_parameters_bind_in_any_order()
    {
        Assert.Equal("Name=web|Count=3|Force=False", Run(Named, "-Count", "3", "-Name", "web"));
    }

    [Fact]
    public void A_name_followed_by_another_name_is_a_switch()
    {
        Assert.Equal("Name=web|Count=0|Force=True", Run(Named, "-Force", "-Name", "web"));
    }

    [Fact]
    public void A_name_at_the_end_is_a_switch()
    {
        Assert.Equal("Name=web|Count=0|Force=True", Run(Named, "-Name", "web", "-Force"));
    }

    [Fact]
    public void A_negative_number_after_a_name_is_its_value()
    {
        Assert.Equal("Name=|Count=-5|Force=False", Run(Named, "-Count", "-5"));
    }

    [Fact]
    public void Negative_numbers_on_their_own_are_positional()
    {
        Assert.Equal("First=-5|Second=-1.5|Force=False", Run(Positional, "-5", "-1.5"));
    }

    [Fact]
    public void Other_words_are_positional_in_order_around_a_switch()
    {
        Assert.Equal("First=10.0.0.1|Second=-7|Force=True", Run(Positional, "10.0.0.1", "-7", "-Force"));
        Assert.Equal("First=10.0.0.1|Second=tail|Force=True", Run(Positional, "-Force", "-First", "10.0.0.1", "tail"));
    }

    [Fact]
    public void A_trailing_colon_on_the_name_is_dropped()
    {
        Assert.Equal("Name=web|Count=7|Force=False", Run(Named, "-Name:", "web", "-Count:", "7"));
    }

    [Fact]
    public void A_lone_dash_is_a_positional_word()
    {
        Assert.Equal("First=-|Second=|Force=False", Run(Positional, "-"));
    }

    [Fact]
    public void No_arguments_binds_nothing()
    {
        Assert.Equal("Name=|Count=0|Force=False", Run(Named));
    }

    private static string Run(string script, params string[] arguments)
    {
        var output = new StringWriter();
        var code = ScriptRunner.Run(script, Path.Combine(Path.GetTempPath(), "arguments.ps1"), arguments, output, output);

        Assert.True(code == 0, $"exit {code}:\n{output}");
        return output.ToString().Trim();
    }
}
