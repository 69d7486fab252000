using System;
using System.Collections.Generic;
using System.IO;
using IpSecPolicy.Control;
using IpSecPolicy.Model.Store;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Options;

/// <summary>
/// The engine's command line: <c>--name value</c> or <c>--name=value</c>, each option falling back to
/// its environment variable and then to its default. Plain parsing: six options do not need a
/// parser library, and the rules stay visible here.
/// </summary>
public sealed class EngineCommandLine
{
    public const string LogLevelEnvironmentVariable = "IPSECPOLICY_LOG_LEVEL";

    /// <summary>The variable behind --replay-window.</summary>
    public const string ReplayWindowEnvironmentVariable = "IPSECPOLICY_REPLAY_WINDOW";

    /// <summary>The variable behind --ike-trace-keys.</summary>
    public const string IkeTraceKeysEnvironmentVariable = "IPSECPOLICY_IKE_TRACE_KEYS";

    private EngineCommandLine(EngineOptions? options, bool showHelp, bool showVersion, string? error)
    {
        Options = options;
        ShowHelp = showHelp;
        ShowVersion = showVersion;
        Error = error;
    }

    /// <summary>The options to run with; null when the command line asks for help or version, or is wrong.</summary>
    public EngineOptions? Options { get; }

    public bool ShowHelp { get; }

    public bool ShowVersion { get; }

    /// <summary>Why the command line cannot be run; null when it can.</summary>
    public string? Error { get; }

    public static string Usage { get; } = string.Join(Environment.NewLine,
        "usage: ipsecpolicy-engine --interface NAME [options]",
        "",
        "Enforces the assigned IPsec policy of the store on one network adapter. One engine runs per",
        "network namespace; the cmdlets (Get-IpSecEngine, Sync-IpSecPolicy, ...) find it through its",
        "control socket.",
        "",
        "options (each falls back to its environment variable, then to its default):",
        "  -i, --interface NAME     the adapter to bind to (required)",
        "      --store DIR          policy store      IPSECPOLICY_STORE           /var/lib/ipsecpolicy",
        "      --control-socket P   control socket    IPSECPOLICY_CONTROL_SOCKET  /run/ipsecpolicy/net-INODE/engine.sock",
        "      --state-dir DIR      audit trail etc.  IPSECPOLICY_STATE_DIR       /var/lib/ipsecpolicy/state/net-INODE",
        "      --log-level LEVEL    Trace, Debug, Information, Warning, Error, Critical, None",
        "      --replay-window N    anti-replay window of inbound SAs, 32-4096 packets   IPSECPOLICY_REPLAY_WINDOW   64",
        "      --ike-trace-keys B   true: the IKE trace (-IkeLogging) also writes key material   IPSECPOLICY_IKE_TRACE_KEYS   false",
        "                                             IPSECPOLICY_LOG_LEVEL       Information",
        "  -h, --help               this text",
        "      --version            the engine's version",
        "",
        "INODE is the inode of this process's network namespace (readlink /proc/self/ns/net).",
        "exit codes: 0 stopped cleanly, 1 failed while running, 2 usage, 3 interface not found,",
        "            4 store unreadable, 5 another engine runs here, 6 control socket unavailable,",
        "            7 state directory unavailable");

    /// <summary>Parses <paramref name="args"/>; <paramref name="environment"/> looks variables up (Environment.GetEnvironmentVariable).</summary>
    public static EngineCommandLine Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                return new EngineCommandLine(null, showHelp: true, showVersion: false, null);
            }

            if (arg == "--version")
            {
                return new EngineCommandLine(null, showHelp: false, showVersion: true, null);
            }

            var (name, inlineValue) = Split(arg);
            if (name is null)
            {
                return Fail($"Unknown option '{arg}'.");
            }

            string value;
            if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                return Fail($"Option '{arg}' needs a value.");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                return Fail($"Option '{arg}' needs a value.");
            }

            values[name] = value;
        }

        if (!values.TryGetValue("interface", out var interfaceAlias))
        {
            return Fail("The interface to bind to is required: --interface NAME (e.g. --interface eth0).");
        }

        var logLevelText = values.GetValueOrDefault("log-level") ?? NonEmpty(environment(LogLevelEnvironmentVariable));
        var logLevel = LogLevel.Information;
        if (logLevelText is not null && (!Enum.TryParse(logLevelText, ignoreCase: true, out logLevel) || !Enum.IsDefined(logLevel)))
        {
            return Fail($"'{logLevelText}' is not a log level. Use Trace, Debug, Information, Warning, Error, Critical or None.");
        }

        var traceKeysText = values.GetValueOrDefault("ike-trace-keys") ?? NonEmpty(environment(IkeTraceKeysEnvironmentVariable));
        var traceKeys = false;
        if (traceKeysText is not null && !bool.TryParse(traceKeysText, out traceKeys))
        {
            return Fail($"'{traceKeysText}' is not true or false (--ike-trace-keys).");
        }

        var replayText = values.GetValueOrDefault("replay-window") ?? NonEmpty(environment(ReplayWindowEnvironmentVariable));
        var replayWindow = EngineOptions.DefaultReplayWindow;
        if (replayText is not null
            && (!int.TryParse(replayText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out replayWindow)
                || replayWindow < EngineOptions.MinimumReplayWindow || replayWindow > EngineOptions.MaximumReplayWindow))
        {
            return Fail($"'{replayText}' is not a replay window: use {EngineOptions.MinimumReplayWindow} to {EngineOptions.MaximumReplayWindow} packets (--replay-window).");
        }

        var namespaceId = ControlPaths.NetworkNamespaceId();
        var options = new EngineOptions
        {
            InterfaceAlias = interfaceAlias,
            StorePath = Path.GetFullPath(values.GetValueOrDefault("store")
                ?? NonEmpty(environment(PolicyStore.EnvironmentVariable))
                ?? PolicyStore.DefaultDirectory),
            ControlSocket = Path.GetFullPath(values.GetValueOrDefault("control-socket")
                ?? NonEmpty(environment(ControlPaths.SocketEnvironmentVariable))
                ?? Path.Combine(ControlPaths.RunDirectory, namespaceId, "engine.sock")),
            StateDirectory = Path.GetFullPath(values.GetValueOrDefault("state-dir")
                ?? NonEmpty(environment(ControlPaths.StateEnvironmentVariable))
                ?? Path.Combine(ControlPaths.StateRoot, namespaceId)),
            LogLevel = logLevel,
            IkeTraceIncludesKeys = traceKeys,
            ReplayWindow = replayWindow,
        };
        return new EngineCommandLine(options, showHelp: false, showVersion: false, null);
    }

    private static EngineCommandLine Fail(string error) => new(null, showHelp: false, showVersion: false, error);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The option's canonical name and its inline value (after '='); a null name for an unknown option.</summary>
    private static (string? Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var key = equals > 0 ? arg[..equals] : arg;
        var value = equals > 0 ? arg[(equals + 1)..] : null;
        var name = key switch
        {
            "-i" or "--interface" => "interface",
            "--store" => "store",
            "--control-socket" => "control-socket",
            "--state-dir" => "state-dir",
            "--log-level" => "log-level",
            "--replay-window" => "replay-window",
            "--ike-trace-keys" => "ike-trace-keys",
            _ => null,
        };
        return (name, value);
    }
}
