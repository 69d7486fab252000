using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Tests;

/// <summary>Add-, Get-, Set-, Remove-VpnUser: the gateway's users, whose passwords never come back out.</summary>
public sealed class VpnUserCommandsTests : IDisposable
{
    private const string Password = "Tr0ub4dor&3-alice";
    private const string NewPassword = "correct-horse-battery-staple";
    private readonly PowerShellSession session = new();

    public VpnUserCommandsTests()
    {
        session.DefineSecureString("pw", Password);
        session.DefineSecureString("newpw", NewPassword);
    }

    private string UserFile => Path.Combine(session.StorePath, VpnUserStore.FileName);

    [Fact]
    public void Add_writes_the_new_user_without_its_password_and_stores_the_password_0600()
    {
        var user = session.Invoke("Add-VpnUser -Name alice -Password $pw -StaticAddress 192.168.50.20 -Description 'Laptop'").Ok().Single<VpnUser>();

        Assert.Equal("alice", user.Name);
        Assert.True(user.Enabled);
        Assert.Equal(IPAddress.Parse("192.168.50.20"), user.StaticAddress);
        Assert.Equal("Laptop", user.Description);
        Assert.NotNull(user.PasswordLastSet);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(UserFile));
        Assert.Contains(Password, File.ReadAllText(UserFile));
        Assert.Equal(Password, new VpnUserStore(new PolicyStore(session.StorePath)).ReadWithPasswords().Passwords["alice"]);
    }

    [Fact]
    public void The_password_is_not_reachable_from_script_nor_shown()
    {
        session.Invoke("Add-VpnUser alice $pw").Ok();

        // Every property PowerShell sees (what Format-List * would show; the hosted runspace has no Format-List).
        var shown = session.Invoke("$u = Get-VpnUser alice; \"$u\"; $u.psobject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }").Ok();
        var table = session.Render("Get-VpnUser");

        Assert.Equal("alice", shown.Output[0].ToString());
        Assert.Equal(
            new[] { "Description", "Enabled", "LastModified", "Name", "PasswordLastSet", "StaticAddress" },
            shown.Output.Skip(1).Select(o => o.ToString()!.Split('=')[0]).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(shown.Output, o => Assert.DoesNotContain(Password, o.ToString()));
        Assert.DoesNotContain(Password, table);
    }

    [Fact]
    public void Users_print_as_a_table()
    {
        session.Invoke("Add-VpnUser alice $pw -StaticAddress 192.168.50.20 -Description 'Laptop'; Add-VpnUser bob $newpw -Disabled").Ok();

        var text = session.Render("Get-VpnUser");

        Assert.Contains("Static Address", text);
        Assert.Contains("Password Set", text);
        Assert.Contains("192.168.50.20", text);
        Assert.Contains("(pool)", text);
        Assert.Contains("Laptop", text);
        Assert.Contains(DateTimeOffset.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Matches(@"bob\s+False", text);
    }

    [Fact]
    public void Get_takes_wildcards_and_reports_a_plain_name_that_matches_nothing()
    {
        session.Invoke("Add-VpnUser alice $pw; Add-VpnUser albert $pw; Add-VpnUser bob $pw").Ok();

        Assert.Equal(new[] { "alice", "albert" }, session.Invoke("Get-VpnUser -Name 'al*'").Ok().All<VpnUser>().Select(u => u.Name));
        Assert.Equal(new[] { "bob" }, session.Invoke("'BOB' | Get-VpnUser").Ok().All<VpnUser>().Select(u => u.Name));
        Assert.Empty(session.Invoke("Get-VpnUser -Name 'z*'").Ok().Output);

        var error = session.SingleError("Get-VpnUser -Name ghost");
        Assert.Equal("VpnUserNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Add_with_WhatIf_changes_nothing_and_never_shows_the_password()
    {
        var text = session.Render("Add-VpnUser alice $pw -WhatIf");

        Assert.Contains("alice", text);
        Assert.DoesNotContain(Password, text);
        Assert.False(File.Exists(UserFile));
        Assert.Equal("VpnUserNotFound", ModelErrors.Id(session.SingleError("Get-VpnUser alice")));
    }

    [Fact]
    public void Names_collide_case_insensitively()
    {
        session.Invoke("Add-VpnUser alice $pw").Ok();

        var error = session.SingleError("Add-VpnUser ALICE $newpw");

        Assert.Equal("NameCollision", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.DoesNotContain(NewPassword, error.Exception.Message);
    }

    [Fact]
    public void A_static_address_belongs_to_one_user()
    {
        session.Invoke("Add-VpnUser alice $pw -StaticAddress 192.168.50.20").Ok();

        var error = session.SingleError("Add-VpnUser bob $pw -StaticAddress 192.168.50.20");

        Assert.Equal("StaticAddressInUse", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains("'alice'", error.Exception.Message);
    }

    [Theory]
    [InlineData("2001:db8::5")]
    [InlineData("224.0.0.5")]
    [InlineData("127.0.0.1")]
    [InlineData("1")]
    [InlineData("vpn.example.com")]
    public void A_static_address_must_be_unicast_ipv4(string address)
    {
        var error = session.SingleError($"Add-VpnUser alice $pw -StaticAddress '{address}'");

        Assert.Equal("InvalidAddress", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Bad_names_and_passwords_are_refused_without_quoting_the_password()
    {
        session.Invoke("$empty = [System.Security.SecureString]::new()").Ok();
        session.DefineSecureString("tab", "hunter2\tsecret");

        var name = session.SingleError("Add-VpnUser 'al*ce' $pw");
        var empty = session.SingleError("Add-VpnUser alice $empty");
        var control = session.SingleError("Add-VpnUser alice $tab");

        Assert.Equal("InvalidName", ModelErrors.Id(name));
        Assert.Equal("InvalidPassword", ModelErrors.Id(empty));
        Assert.Equal("InvalidPassword", ModelErrors.Id(control));
        Assert.Equal("alice", control.TargetObject);
        Assert.DoesNotContain("hunter2", control.Exception.Message);
        Assert.DoesNotContain(Password, name.Exception.Message);
    }

    [Fact]
    public void Users_come_by_property_name_from_csv_like_objects()
    {
        var users = session.Invoke(
            "@([pscustomobject]@{ Name = 'alice'; StaticAddress = '192.168.50.20'; Description = 'Laptop' }, [pscustomobject]@{ Name = 'bob' }) | Add-VpnUser -Password $pw")
            .Ok().All<VpnUser>();

        Assert.Equal(new[] { "alice", "bob" }, users.Select(u => u.Name));
        Assert.Equal(IPAddress.Parse("192.168.50.20"), users[0].StaticAddress);
        Assert.Null(users[1].StaticAddress);
    }

    [Fact]
    public void Set_changes_only_what_is_given()
    {
        session.Invoke("Add-VpnUser alice $pw -StaticAddress 192.168.50.20 -Description 'Laptop'").Ok();

        var user = session.Invoke("Set-VpnUser alice -Enabled $false -PassThru").Ok().Single<VpnUser>();

        Assert.False(user.Enabled);
        Assert.Equal("Laptop", user.Description);
        Assert.Equal(IPAddress.Parse("192.168.50.20"), user.StaticAddress);
        Assert.Equal(Password, StoredPassword("alice"));
        Assert.Empty(session.Invoke("Set-VpnUser alice -Enabled $true").Ok().Output);
        Assert.True(session.Invoke("Get-VpnUser alice").Ok().Single<VpnUser>().Enabled);
    }

    [Fact]
    public void Set_replaces_the_password_and_says_so_without_showing_it()
    {
        session.Invoke("Add-VpnUser alice $pw").Ok();
        var before = session.Invoke("Get-VpnUser alice").Ok().Single<VpnUser>().PasswordLastSet;

        var result = session.Invoke("Set-VpnUser alice -Password $newpw -Verbose -PassThru").Ok();
        var whatIf = session.Render("Set-VpnUser alice -Password $pw -WhatIf");

        Assert.Equal(NewPassword, StoredPassword("alice"));
        Assert.True(result.Single<VpnUser>().PasswordLastSet >= before);
        Assert.Contains(result.Verbose, v => v.Contains("password of VPN user 'alice'", StringComparison.Ordinal));
        Assert.All(result.Verbose, v => Assert.DoesNotContain(NewPassword, v));
        Assert.Contains("new password", whatIf);
        Assert.DoesNotContain(Password, whatIf);
        Assert.Equal(NewPassword, StoredPassword("alice"));
    }

    [Fact]
    public void The_static_address_is_set_and_cleared()
    {
        session.Invoke("Add-VpnUser alice $pw; Add-VpnUser bob $pw -StaticAddress 192.168.50.21").Ok();

        Assert.Equal(IPAddress.Parse("192.168.50.20"), session.Invoke("Set-VpnUser alice -StaticAddress 192.168.50.20 -PassThru").Ok().Single<VpnUser>().StaticAddress);
        Assert.Equal("StaticAddressInUse", ModelErrors.Id(session.SingleError("Set-VpnUser alice -StaticAddress 192.168.50.21")));
        Assert.Null(session.Invoke("Get-VpnUser alice | Set-VpnUser -ClearStaticAddress -PassThru").Ok().Single<VpnUser>().StaticAddress);
        Assert.Null(session.Invoke("Set-VpnUser bob -StaticAddress $null -PassThru").Ok().Single<VpnUser>().StaticAddress);
    }

    [Fact]
    public void Static_address_and_clear_static_address_do_not_go_together()
    {
        session.Invoke("Add-VpnUser alice $pw").Ok();

        var error = session.SingleError("Set-VpnUser alice -StaticAddress 192.168.50.20 -ClearStaticAddress");

        Assert.StartsWith("AmbiguousParameterSet", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void Set_renames_and_refuses_a_taken_name()
    {
        session.Invoke("Add-VpnUser alice $pw; Add-VpnUser bob $pw").Ok();

        Assert.Equal("NameCollision", ModelErrors.Id(session.SingleError("Set-VpnUser alice -NewName BOB")));
        Assert.Equal("alicia", session.Invoke("Set-VpnUser alice -NewName alicia -PassThru").Ok().Single<VpnUser>().Name);
        Assert.Equal(Password, StoredPassword("alicia"));
    }

    [Fact]
    public void Set_and_remove_of_a_missing_user_are_not_found_and_the_rest_goes_on()
    {
        session.Invoke("Add-VpnUser alice $pw; Add-VpnUser bob $pw").Ok();

        Assert.Equal("VpnUserNotFound", ModelErrors.Id(session.SingleError("Set-VpnUser ghost -Enabled $false")));
        var result = session.Invoke("Remove-VpnUser -Name alice, ghost, bob -PassThru");

        Assert.Equal("VpnUserNotFound", ModelErrors.Id(Assert.Single(result.Errors)));
        Assert.Equal(new[] { "alice", "bob" }, result.All<VpnUser>().Select(u => u.Name));
        Assert.Empty(session.Invoke("Get-VpnUser").Ok().Output);
    }

    [Fact]
    public void Set_with_WhatIf_changes_nothing()
    {
        session.Invoke("Add-VpnUser alice $pw").Ok();

        session.Invoke("Set-VpnUser alice -Enabled $false -Password $newpw -WhatIf").Ok();

        Assert.True(session.Invoke("Get-VpnUser alice").Ok().Single<VpnUser>().Enabled);
        Assert.Equal(Password, StoredPassword("alice"));
    }

    [Fact]
    public void Remove_takes_users_from_the_pipeline_and_WhatIf_lists_only_users_that_exist()
    {
        session.Invoke("Add-VpnUser test1 $pw; Add-VpnUser test2 $pw; Add-VpnUser keep $pw").Ok();

        var whatIf = session.Render("Get-VpnUser 'test*' | Remove-VpnUser -WhatIf");
        Assert.Contains("test1", whatIf);
        Assert.DoesNotContain("keep", whatIf);
        Assert.Equal(3, session.Invoke("Get-VpnUser").Ok().Output.Count);

        session.Invoke("Get-VpnUser 'test*' | Remove-VpnUser").Ok();
        Assert.Equal(new[] { "keep" }, session.Invoke("Get-VpnUser").Ok().All<VpnUser>().Select(u => u.Name));
        Assert.DoesNotContain("test1", File.ReadAllText(UserFile));
    }

    [Fact]
    public void Remove_asks_at_medium_impact_because_it_tears_down_no_session()
    {
        var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(typeof(VpnUsers.RemoveVpnUserCommand), typeof(CmdletAttribute))!;

        Assert.Equal(ConfirmImpact.Medium, attribute.ConfirmImpact);
    }

    [Fact]
    public void A_damaged_user_file_stops_the_command_with_its_line_and_is_kept()
    {
        Directory.CreateDirectory(session.StorePath);
        var content = "{ \"formatVersion\": 1,\n  \"users\": [\n    { \"name\": \"alice\", \"password\": \"hunter2\" },\n    { \"name\": \"ALICE\", \"password\": \"hunter2\" } ] }";
        File.WriteAllText(UserFile, content);

        var read = session.SingleError("Get-VpnUser");
        var write = session.SingleError("Add-VpnUser bob $pw");

        foreach (var error in new[] { read, write })
        {
            Assert.Equal("StoreCorrupt", ModelErrors.Id(error));
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("$.users[1].name (line 4)", error.Exception.Message);
            Assert.DoesNotContain("hunter2", error.Exception.Message);
        }

        Assert.Equal(content, File.ReadAllText(UserFile));
    }

    [Fact]
    public void The_policy_store_is_untouched_by_user_changes()
    {
        session.Invoke("Add-VpnUser alice $pw").Ok();

        Assert.False(File.Exists(Path.Combine(session.StorePath, PolicyStore.DocumentFileName)));
        Assert.Equal(3, session.Invoke("Get-IpSecPolicy").Ok().Output.Count);
    }

    private string StoredPassword(string name) => new VpnUserStore(new PolicyStore(session.StorePath)).ReadWithPasswords().Passwords[name];

    public void Dispose() => session.Dispose();
}
