using System;
using IpSecPolicy.Model.Objects;
using Settings = IpSecPolicy.Model.Objects.Configuration;

namespace IpSecPolicy.Commands.Tests;

public sealed class ConfigurationCommandsTests : IDisposable
{
    private readonly PowerShellSession session = new();

    [Fact]
    public void Get_shows_windows_defaults()
    {
        var configuration = session.Invoke("Get-IpSecConfiguration").Ok().Single<Settings>();

        Assert.Equal(3, configuration.DefaultExemption);
        Assert.Equal(0, configuration.StrongCrlCheck);
        Assert.False(configuration.IkeLogging);
        Assert.Equal(3, configuration.FallbackToClearSeconds);
        Assert.Equal(60, configuration.NegotiationFailureBlockSeconds);
        Assert.Equal(300, configuration.IdleSaSeconds);
        Assert.Equal(NatTraversalMode.None, configuration.NatTraversal);
    }

    [Fact]
    public void Set_changes_only_what_is_given_and_keeps_it()
    {
        var passed = session.Invoke("Set-IpSecConfiguration -DefaultExemption 0 -StrongCrlCheck 1 -IkeLogging -NatTraversal Both -IdleSaSeconds 3600 -PassThru").Ok().Single<Settings>();
        var stored = session.Invoke("Get-IpSecConfiguration").Ok().Single<Settings>();

        foreach (var configuration in new[] { passed, stored })
        {
            Assert.Equal(0, configuration.DefaultExemption);
            Assert.Equal(1, configuration.StrongCrlCheck);
            Assert.True(configuration.IkeLogging);
            Assert.Equal(NatTraversalMode.Both, configuration.NatTraversal);
            Assert.Equal(3600, configuration.IdleSaSeconds);
            Assert.Equal(3, configuration.FallbackToClearSeconds);
            Assert.Equal(60, configuration.NegotiationFailureBlockSeconds);
        }
    }

    [Fact]
    public void Switches_turn_off_with_false_and_Set_writes_nothing_without_PassThru()
    {
        session.Invoke("Set-IpSecConfiguration -IkeLogging").Ok();

        Assert.Empty(session.Invoke("Set-IpSecConfiguration -IkeLogging:$false -FallbackToClearSeconds 1 -NegotiationFailureBlockSeconds 0").Ok().Output);

        var configuration = session.Invoke("Get-IpSecConfiguration").Ok().Single<Settings>();
        Assert.False(configuration.IkeLogging);
        Assert.Equal(1, configuration.FallbackToClearSeconds);
        Assert.Equal(0, configuration.NegotiationFailureBlockSeconds);
    }

    [Fact]
    public void WhatIf_changes_nothing()
    {
        session.Invoke("Set-IpSecConfiguration -StrongCrlCheck 2 -WhatIf").Ok();

        Assert.Equal(0, session.Invoke("Get-IpSecConfiguration").Ok().Single<Settings>().StrongCrlCheck);
    }

    [Theory]
    [InlineData("-DefaultExemption 4")]
    [InlineData("-StrongCrlCheck 3")]
    [InlineData("-FallbackToClearSeconds 0")]
    [InlineData("-NegotiationFailureBlockSeconds 3601")]
    [InlineData("-IdleSaSeconds 299")]
    [InlineData("-IdleSaSeconds 3601")]
    public void Values_outside_windows_ranges_are_binding_errors(string given)
    {
        var error = session.SingleError($"Set-IpSecConfiguration {given}");

        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Equal(300, session.Invoke("Get-IpSecConfiguration").Ok().Single<Settings>().IdleSaSeconds);
    }

    [Fact]
    public void An_unknown_nat_traversal_mode_is_a_binding_error()
    {
        var error = session.SingleError("Set-IpSecConfiguration -NatTraversal Client");

        Assert.StartsWith("CannotConvertArgumentNoMessage", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void The_configuration_prints_as_a_list_with_windows_meanings()
    {
        var text = session.Render("Get-IpSecConfiguration");

        Assert.Contains("DefaultExemption               : 3 (only IKE exempt)", text);
        Assert.Contains("StrongCrlCheck                 : 0 (off)", text);
        Assert.Contains("IdleSaSeconds                  : 300", text);
    }

    public void Dispose() => session.Dispose();
}
