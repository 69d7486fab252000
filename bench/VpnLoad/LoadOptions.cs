using System;
using System.Globalization;
using System.Net;
using Engine.Crypto.KeyExchange;
using Engine.L2tp.Ppp.Auth;

namespace IpSecPolicy.VpnLoad;

/// <summary>The command line of <c>VpnLoad run</c>: see <see cref="Usage"/>.</summary>
internal sealed class LoadOptions
{
    public const string Usage = """
        VpnLoad run --gateway ADDRESS --first-source ADDRESS --sessions N [--concurrency W] [--group 19|14]
                    [--auth mschapv2|pap|chap] [--psk TEXT] [--user NAME] [--password TEXT] [--warmup K]
                    [--gateway-pid PID] [--control-socket PATH] [--idle SECONDS] [--timeout SECONDS]
                    [--session-timeout SECONDS]
          Brings up N L2TP/IPsec sessions against the gateway at ADDRESS, W at a time, each from its
          own source address (FIRST-SOURCE + i; the namespace must treat them as local, e.g. with
          `ip route add local PREFIX dev lo`): IKEv1 main mode (PSK; AES-128/SHA-1/DH 19 or
          AES-256/SHA-256/DH 14), quick mode ESP AES-256/HMAC-SHA-256 transport for UDP 1701, an
          L2TP tunnel and call, PPP (LCP, the authentication, IPCP). First K warm-up sessions one at
          a time (addresses after the N; default 5), which stay up. Then keeps everything idle for
          SECONDS (default 60) and reads the gateway process's memory (VmRSS) and CPU time from
          /proc/PID before, after the setup and after the idle time. Prints one JSON object.
        VpnLoad configure --store DIR --interface NAME --pool FIRST-LAST [--max-sessions N]
                    [--auth mschapv2|pap|chap] [--psk TEXT] [--user NAME] [--password TEXT]
          Writes a gateway store as Start-VpnGateway and Add-VpnUser would (without starting an engine).
        """;

    public const string DefaultPreSharedKey = "bench vpn pre-shared key 0123456789";
    public const string DefaultUser = "bench";
    public const string DefaultPassword = "Bench-Passw0rd!";

    public required IPAddress Gateway { get; init; }

    public required IPAddress FirstSource { get; init; }

    public required int Sessions { get; init; }

    public int Concurrency { get; init; } = 200;

    public DiffieHellmanGroup Group { get; init; } = DiffieHellmanGroup.Ecp256;

    public PppAuthenticationProtocol Authentication { get; init; } = PppAuthenticationProtocol.MsChapV2;

    public string PreSharedKey { get; init; } = DefaultPreSharedKey;

    public string User { get; init; } = DefaultUser;

    public string Password { get; init; } = DefaultPassword;

    public int Warmup { get; init; } = 5;

    public int? GatewayPid { get; init; }

    public string? ControlSocket { get; init; }

    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1800);

    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public static LoadOptions Parse(string[] args)
    {
        var value = Reader(args);
        return new LoadOptions
        {
            Gateway = IPAddress.Parse(value("--gateway") ?? throw new ArgumentException("--gateway is required")),
            FirstSource = IPAddress.Parse(value("--first-source") ?? throw new ArgumentException("--first-source is required")),
            Sessions = Number(value("--sessions") ?? throw new ArgumentException("--sessions is required")),
            Concurrency = Number(value("--concurrency") ?? "200"),
            Group = (value("--group") ?? "19") switch
            {
                "19" => DiffieHellmanGroup.Ecp256,
                "14" => DiffieHellmanGroup.Modp2048,
                var other => throw new ArgumentException($"--group {other}: 19 or 14"),
            },
            Authentication = ParseAuthentication(value("--auth") ?? "mschapv2"),
            PreSharedKey = value("--psk") ?? DefaultPreSharedKey,
            User = value("--user") ?? DefaultUser,
            Password = value("--password") ?? DefaultPassword,
            Warmup = Number(value("--warmup") ?? "5"),
            GatewayPid = value("--gateway-pid") is { } pid ? Number(pid) : null,
            ControlSocket = value("--control-socket"),
            Idle = TimeSpan.FromSeconds(double.Parse(value("--idle") ?? "60", CultureInfo.InvariantCulture)),
            Timeout = TimeSpan.FromSeconds(double.Parse(value("--timeout") ?? "1800", CultureInfo.InvariantCulture)),
            SessionTimeout = TimeSpan.FromSeconds(double.Parse(value("--session-timeout") ?? "120", CultureInfo.InvariantCulture)),
        };
    }

    public static PppAuthenticationProtocol ParseAuthentication(string text) => text.ToLowerInvariant() switch
    {
        "mschapv2" => PppAuthenticationProtocol.MsChapV2,
        "pap" => PppAuthenticationProtocol.Pap,
        "chap" => PppAuthenticationProtocol.Chap,
        _ => throw new ArgumentException($"--auth {text}: mschapv2, pap or chap"),
    };

    public static Func<string, string?> Reader(string[] args) => name =>
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    };

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
