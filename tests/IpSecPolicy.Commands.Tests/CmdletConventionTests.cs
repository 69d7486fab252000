using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;
using IpSecPolicy.Commands.Common;

namespace IpSecPolicy.Commands.Tests;

/// <summary>The rules every cmdlet of the module keeps (issue 2's conventions), checked by reflection.</summary>
public class CmdletConventionTests
{
    private static readonly Type[] Cmdlets = typeof(IpSecCmdlet).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<CmdletAttribute>() is not null).ToArray();

    private static readonly string[] ChangeVerbs = { "New", "Add", "Set", "Remove", "Enable", "Disable", "Restore", "Import", "Export" };

    /// <summary>Constructors of in-memory values: they change nothing, so they take no -WhatIf.</summary>
    private static readonly string[] ValueConstructors = { "New-IpSecSecurityMethod", "New-IpSecMainModeMethod", "New-IpSecAuthMethod" };

    [Fact]
    public void There_are_cmdlets_to_check()
    {
        Assert.True(Cmdlets.Length >= 33);
    }

    [Fact]
    public void Every_cmdlet_is_sealed_declares_its_output_type_and_derives_from_the_base()
    {
        foreach (var cmdlet in Cmdlets)
        {
            Assert.True(cmdlet.IsSealed, $"{cmdlet.Name} is not sealed");
            Assert.True(typeof(IpSecCmdlet).IsAssignableFrom(cmdlet), $"{cmdlet.Name} does not derive from IpSecCmdlet");
            Assert.True(cmdlet.GetCustomAttributes<OutputTypeAttribute>().Any(), $"{cmdlet.Name} has no [OutputType]");
        }
    }

    [Fact]
    public void Every_change_cmdlet_supports_whatif_and_confirm()
    {
        foreach (var cmdlet in Cmdlets.Where(c => ChangeVerbs.Contains(Attribute(c).VerbName) && !ValueConstructors.Contains(Name(c))))
        {
            Assert.True(Attribute(cmdlet).SupportsShouldProcess, $"{Name(cmdlet)} does not support -WhatIf/-Confirm");
        }
    }

    [Fact]
    public void Every_set_remove_enable_disable_restore_and_import_cmdlet_has_passthru()
    {
        foreach (var cmdlet in Cmdlets.Where(c => new[] { "Set", "Remove", "Enable", "Disable", "Restore", "Import" }.Contains(Attribute(c).VerbName)))
        {
            Assert.True(cmdlet.GetProperty("PassThru")?.PropertyType == typeof(SwitchParameter), $"{Name(cmdlet)} has no -PassThru");
        }
    }

    [Fact]
    public void Every_get_takes_wildcards_in_its_name_parameter()
    {
        foreach (var cmdlet in Cmdlets.Where(c => Attribute(c).VerbName == "Get"))
        {
            var name = cmdlet.GetProperty("Name") ?? cmdlet.GetProperty("FilterList");
            if (name is null)
            {
                continue; // Get-IpSecConfiguration: one object, nothing to name
            }

            Assert.True(name.GetCustomAttribute<SupportsWildcardsAttribute>() is not null, $"{Name(cmdlet)} -{name.Name} takes no wildcards");
        }
    }

    [Fact]
    public void Every_model_type_a_cmdlet_writes_has_a_format_view()
    {
        var root = HelpGen.Program.FindRepositoryRoot(AppContext.BaseDirectory)!;
        var viewed = Directory.GetFiles(Path.Combine(root, "module"), "*.format.ps1xml")
            .SelectMany(f => XDocument.Load(f).Descendants("TypeName").Select(t => t.Value.Trim()))
            .ToHashSet();
        var written = Cmdlets.SelectMany(c => c.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type))
            .Select(t => t.Type).Where(t => t is not null && t.Namespace!.StartsWith("IpSecPolicy", StringComparison.Ordinal))
            .Distinct();

        foreach (var type in written)
        {
            Assert.True(viewed.Contains(type!.FullName!), $"{type.FullName} has no view in module/*.format.ps1xml");
        }
    }

    private static CmdletAttribute Attribute(Type cmdlet) => cmdlet.GetCustomAttribute<CmdletAttribute>()!;

    private static string Name(Type cmdlet) => $"{Attribute(cmdlet).VerbName}-{Attribute(cmdlet).NounName}";
}
