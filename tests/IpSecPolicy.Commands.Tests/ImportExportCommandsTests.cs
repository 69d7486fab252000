using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Tests;

public sealed class ImportExportCommandsTests : IDisposable
{
    private const string Key = "partner pre-shared key";
    private readonly PowerShellSession session = new();
    private readonly PowerShellSession other = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-files-{Guid.NewGuid():N}");

    public ImportExportCommandsTests()
    {
        Directory.CreateDirectory(folder);

        // Lists, actions and rules come from the model: their cmdlets are written elsewhere.
        new PolicyStore(session.StorePath).Update(d =>
        {
            d.FilterLists.Add(new FilterList
            {
                Name = "Partner hosts",
                Filters = { new Filter { DestinationAddress = FilterAddress.Parse("192.0.2.0/24") }, new Filter { DestinationAddress = FilterAddress.Parse("2001:db8::/32") } },
            });
            d.FilterActions.Add(new FilterAction { Name = "Partner secure", SecurityMethods = { SecurityMethod.Parse("ESP[AES256,SHA256]") } });
            d.AddPolicy(new Policy
            {
                Name = "Partner",
                Rules =
                {
                    new Rule { Name = "To partner", FilterList = "Partner hosts", FilterAction = "Partner secure", AuthMethods = { AuthMethod.ForPreSharedKey(Key) } },
                },
            }, DateTimeOffset.UtcNow);
        });
    }

    private string File(string name) => Path.Combine(folder, name);

    [Fact]
    public void Export_then_import_recreates_the_policy_in_another_store()
    {
        var file = session.Invoke($"Export-IpSecPolicy -Name Partner -Path '{File("partner.json")}' -IncludeSecret -Force -PassThru").Ok().Single<FileInfo>();

        var imported = other.Invoke($"Import-IpSecPolicy -Path '{file.FullName}' -PassThru").Ok().Single<Policy>();

        Assert.Equal("Partner", imported.Name);
        Assert.Equal("Partner hosts", imported.Rules.Single().FilterList);
        var (document, secrets) = new PolicyStore(other.StorePath).ReadWithSecrets();
        Assert.Equal(Key, secrets[document.GetPolicy("Partner").Rules[0].AuthMethods[0].Id]);
        Assert.Equal(2, document.GetFilterList("Partner hosts").Filters.Count);
    }

    [Fact]
    public void An_export_without_include_secret_holds_no_key()
    {
        session.Invoke($"Export-IpSecPolicy Partner '{File("partner.json")}'").Ok();

        var text = System.IO.File.ReadAllText(File("partner.json"));
        Assert.DoesNotContain(Key, text);
        Assert.DoesNotContain("preSharedKey", text);
        Assert.Contains("\"kind\": \"PreSharedKey\"", text);
    }

    [Fact]
    public void Include_secret_writes_the_key_owner_only_and_asks_first()
    {
        // ShouldContinue: the test host cannot answer, so asking fails, and nothing is written.
        var asked = session.SingleError($"Export-IpSecPolicy Partner '{File("asked.json")}' -IncludeSecret");
        Assert.Contains("cannot prompt", asked.Exception.Message);
        Assert.False(System.IO.File.Exists(File("asked.json")), "Nothing is written before the confirmation.");

        session.Invoke($"Export-IpSecPolicy Partner '{File("keys.json")}' -IncludeSecret -Force").Ok();

        Assert.Contains($"\"preSharedKey\": \"{Key}\"", System.IO.File.ReadAllText(File("keys.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File("keys.json")));
    }

    [Fact]
    public void Several_policies_go_to_a_directory_one_file_each()
    {
        var files = session.Invoke($"Export-IpSecPolicy -Name '*Server*' -Path '{File("out")}' -PassThru").Ok().All<FileInfo>();

        Assert.Equal(new[] { "Server (Request Security).json", "Secure Server (Require Security).json" }, files.Select(f => f.Name));
        Assert.All(files, f => Assert.True(f.Exists));
    }

    [Fact]
    public void Export_takes_policies_from_the_pipeline_by_value_and_by_property_name()
    {
        session.Invoke($"Get-IpSecPolicy -Name Partner, 'Client*' | Export-IpSecPolicy -Path '{File("byvalue")}'").Ok();
        session.Invoke($"[pscustomobject]@{{ Name = 'Partner' }} | Export-IpSecPolicy -Path '{File("byname.json")}'").Ok();

        Assert.True(System.IO.File.Exists(Path.Combine(File("byvalue"), "Partner.json")));
        Assert.True(System.IO.File.Exists(Path.Combine(File("byvalue"), "Client (Respond Only).json")));
        Assert.True(System.IO.File.Exists(File("byname.json")));
    }

    [Fact]
    public void Export_refuses_to_overwrite_without_force_and_names_missing_policies()
    {
        session.Invoke($"Export-IpSecPolicy Partner '{File("p.json")}'").Ok();

        var exists = session.SingleError($"Export-IpSecPolicy Partner '{File("p.json")}'");
        Assert.StartsWith("ExportFileExists", exists.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, exists.CategoryInfo.Category);
        session.Invoke($"Export-IpSecPolicy Partner '{File("p.json")}' -Force").Ok();
        Assert.StartsWith("PolicyNotFound", session.SingleError($"Export-IpSecPolicy Ghost '{File("g.json")}'").FullyQualifiedErrorId);
    }

    [Fact]
    public void WhatIf_lists_the_plan_and_changes_nothing()
    {
        session.Invoke($"Export-IpSecPolicy Partner '{File("p.json")}' -IncludeSecret -Force").Ok();

        var plan = other.Invoke($"Import-IpSecPolicy '{File("p.json")}' -WhatIf").Ok().All<ImportPlanItem>();

        Assert.Equal(new[] { "Partner hosts", "Partner secure", "Partner" }, plan.Select(i => i.Name));
        Assert.All(plan, i => Assert.Equal(ImportChange.Create, i.Change));
        Assert.StartsWith("PolicyNotFound", other.SingleError("Get-IpSecPolicy Partner").FullyQualifiedErrorId);
        var table = other.Render($"Import-IpSecPolicy '{File("p.json")}' -WhatIf");
        Assert.Contains("Change", table);
        Assert.Contains("Create    FilterList   Partner hosts", table);
    }

    [Fact]
    public void Reimporting_updates_what_differs_and_says_so()
    {
        session.Invoke($"Export-IpSecPolicy Partner '{File("p.json")}'").Ok();
        System.IO.File.WriteAllText(File("p.json"), System.IO.File.ReadAllText(File("p.json")).Replace("\"mainModeLifetimeMinutes\": 480", "\"mainModeLifetimeMinutes\": 120"));

        var plan = session.Invoke($"Import-IpSecPolicy '{File("p.json")}' -WhatIf").Ok().All<ImportPlanItem>();
        var result = session.Invoke($"Import-IpSecPolicy '{File("p.json")}' -Verbose -PassThru").Ok();

        Assert.Equal(new[] { ImportChange.Unchanged, ImportChange.Unchanged, ImportChange.Update }, plan.Select(i => i.Change));
        Assert.Equal(120, result.Single<Policy>().MainModeLifetimeMinutes);
        Assert.Contains(result.Verbose, line => line.Contains("Update Policy 'Partner' (mainModeLifetimeMinutes)"));
        var (document, secrets) = new PolicyStore(session.StorePath).ReadWithSecrets();
        Assert.Equal(Key, secrets[document.GetPolicy("Partner").Rules[0].AuthMethods[0].Id]);
    }

    [Fact]
    public void Import_takes_files_from_the_pipeline_and_wildcards()
    {
        session.Invoke($"Export-IpSecPolicy -Name '*Server*' -Path '{folder}'").Ok();

        var piped = other.Invoke($"[System.IO.DirectoryInfo]::new('{folder}').GetFiles('*.json') | Import-IpSecPolicy -PassThru").Ok().All<Policy>();
        var wildcard = other.Invoke($"Import-IpSecPolicy -Path '{folder}/*.json' -PassThru").Ok().All<Policy>();
        var byName = other.Invoke($"[pscustomobject]@{{ Path = '{File("Server (Request Security).json")}' }} | Import-IpSecPolicy -PassThru").Ok().All<Policy>();

        Assert.Equal(2, piped.Count);
        Assert.Equal(2, wildcard.Count);
        Assert.Equal("Server (Request Security)", Assert.Single(byName).Name);
    }

    [Fact]
    public void A_bad_file_is_refused_with_path_and_line_and_changes_nothing()
    {
        System.IO.File.WriteAllText(File("bad.json"), "{\n  \"formatVersion\": 1,\n  \"policy\": { \"name\": \"Bad\", \"mainModePfs\": \"yes\" }\n}\n");

        var error = other.SingleError($"Import-IpSecPolicy '{File("bad.json")}'");

        Assert.StartsWith("ImportInvalid", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        var problem = Assert.IsType<ImportProblem>(error.TargetObject);
        Assert.Equal("$.policy.mainModePfs", problem.JsonPath);
        Assert.Equal(3, problem.Line);
        Assert.Contains("line 3", error.Exception.Message);
        Assert.StartsWith("PolicyNotFound", other.SingleError("Get-IpSecPolicy Bad").FullyQualifiedErrorId);
        Assert.StartsWith("ImportInvalid", other.SingleError($"Import-IpSecPolicy '{File("bad.json")}' -WhatIf").FullyQualifiedErrorId);
    }

    [Fact]
    public void A_key_method_without_a_key_is_refused_where_the_store_has_none()
    {
        session.Invoke($"Export-IpSecPolicy Partner '{File("p.json")}'").Ok();

        var error = other.SingleError($"Import-IpSecPolicy '{File("p.json")}'");

        Assert.StartsWith("EmptyPreSharedKey", error.FullyQualifiedErrorId);
        Assert.Equal("$.policy.rules[0].authMethods[0]", Assert.IsType<ImportProblem>(error.TargetObject).JsonPath);
        Assert.DoesNotContain(Key, error.Exception.Message);
        Assert.Null(new PolicyStore(other.StorePath).Read().FindFilterList("Partner hosts"));
    }

    [Fact]
    public void Missing_files_are_errors()
    {
        Assert.StartsWith("ImportFileNotFound", other.SingleError($"Import-IpSecPolicy -Path '{File("none.json")}'").FullyQualifiedErrorId);
        Assert.StartsWith("ImportFileNotFound", other.SingleError($"Import-IpSecPolicy -LiteralPath '{File("none.json")}'").FullyQualifiedErrorId);
        Assert.Empty(other.Invoke($"Import-IpSecPolicy -Path '{folder}/*.nothing'").Ok().Output);
    }

    public void Dispose()
    {
        session.Dispose();
        other.Dispose();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
