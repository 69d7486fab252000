using System.Collections.Generic;
using Engine.Host.Options;
using IpSecPolicy.Control;
using IpSecPolicy.Model.Store;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Tests;

public sealed class EngineCommandLineTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = new();

    [Fact]
    public void The_interface_is_required()
    {
        var parsed = Parse(NoEnvironment, "--store", "/srv/store");

        Assert.Null(parsed.Options);
        Assert.Contains("--interface", parsed.Error);
    }

    [Fact]
    public void Defaults_are_per_network_namespace()
    {
        var options = Parse(NoEnvironment, "--interface", "eth0").Options!;
        var namespaceId = ControlPaths.NetworkNamespaceId();

        Assert.Equal("eth0", options.InterfaceAlias);
        Assert.Equal($"/run/ipsecpolicy/{namespaceId}/engine.sock", options.ControlSocket);
        Assert.Equal($"/var/lib/ipsecpolicy/state/{namespaceId}", options.StateDirectory);
        Assert.Equal(System.IO.Path.GetFullPath(PolicyStore.DefaultDirectory), options.StorePath);
        Assert.Equal(LogLevel.Information, options.LogLevel);
    }

    [Fact]
    public void Environment_variables_stand_in_for_missing_options_and_options_win()
    {
        var environment = new Dictionary<string, string?>
        {
            ["IPSECPOLICY_STORE"] = "/env/store",
            ["IPSECPOLICY_CONTROL_SOCKET"] = "/env/engine.sock",
            ["IPSECPOLICY_STATE_DIR"] = "/env/state",
            ["IPSECPOLICY_LOG_LEVEL"] = "debug",
        };

        var fromEnvironment = Parse(environment, "-i", "eth1").Options!;
        var fromOptions = Parse(environment, "--interface=eth1", "--store=/opt/store", "--control-socket", "/opt/e.sock",
            "--state-dir", "/opt/state", "--log-level", "Warning").Options!;

        Assert.Equal(("/env/store", "/env/engine.sock", "/env/state", LogLevel.Debug),
            (fromEnvironment.StorePath, fromEnvironment.ControlSocket, fromEnvironment.StateDirectory, fromEnvironment.LogLevel));
        Assert.Equal(("/opt/store", "/opt/e.sock", "/opt/state", LogLevel.Warning),
            (fromOptions.StorePath, fromOptions.ControlSocket, fromOptions.StateDirectory, fromOptions.LogLevel));
    }

    [Fact]
    public void Relative_paths_become_absolute()
    {
        var options = Parse(NoEnvironment, "--interface", "eth0", "--store", "store").Options!;

        Assert.Equal(System.IO.Path.GetFullPath("store"), options.StorePath);
    }

    [Theory]
    [InlineData("Unknown option '--port'.", "--interface", "eth0", "--port", "500")]
    [InlineData("Option '--store' needs a value.", "--interface", "eth0", "--store")]
    [InlineData("Option '--store=' needs a value.", "--interface", "eth0", "--store=")]
    [InlineData("'Loud' is not a log level.", "--interface", "eth0", "--log-level", "Loud")]
    [InlineData("'7' is not a log level.", "--interface", "eth0", "--log-level", "7")]
    public void Wrong_command_lines_are_refused_with_a_reason(string reason, params string[] args)
    {
        var parsed = Parse(NoEnvironment, args);

        Assert.Null(parsed.Options);
        Assert.StartsWith(reason, parsed.Error);
    }

    [Fact]
    public void Replay_window_and_trace_keys_have_defaults_options_and_variables()
    {
        var defaults = Parse(NoEnvironment, "--interface", "eth0").Options!;
        Assert.Equal((64, false), (defaults.ReplayWindow, defaults.IkeTraceIncludesKeys));

        var set = Parse(NoEnvironment, "--interface", "eth0", "--replay-window", "1024", "--ike-trace-keys=true").Options!;
        Assert.Equal((1024, true), (set.ReplayWindow, set.IkeTraceIncludesKeys));

        var environment = new Dictionary<string, string?> { ["IPSECPOLICY_REPLAY_WINDOW"] = "4096", ["IPSECPOLICY_IKE_TRACE_KEYS"] = "True" };
        var fromEnvironment = Parse(environment, "--interface", "eth0").Options!;
        Assert.Equal((4096, true), (fromEnvironment.ReplayWindow, fromEnvironment.IkeTraceIncludesKeys));

        Assert.Contains("32 to 4096", Parse(NoEnvironment, "--interface", "eth0", "--replay-window", "16").Error);
        Assert.Contains("not true or false", Parse(NoEnvironment, "--interface", "eth0", "--ike-trace-keys", "yes").Error);
    }

    [Fact]
    public void Help_and_version_are_asked_for_by_name()
    {
        Assert.True(Parse(NoEnvironment, "--help").ShowHelp);
        Assert.True(Parse(NoEnvironment, "-h").ShowHelp);
        Assert.True(Parse(NoEnvironment, "--interface", "eth0", "--version").ShowVersion);
        Assert.Contains("IPSECPOLICY_STATE_DIR", EngineCommandLine.Usage);
        Assert.Contains("5 another engine runs here", EngineCommandLine.Usage);
    }

    private static EngineCommandLine Parse(Dictionary<string, string?> environment, params string[] args) =>
        EngineCommandLine.Parse(args, name => environment.GetValueOrDefault(name));
}
