using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Engine.Crypto.Registry;
using Engine.Platform.Linux.Crypto;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// Brings up N L2TP/IPsec sessions against one gateway engine and reports its memory and CPU per
/// session: see <see cref="LoadOptions.Usage"/>. The clients are ours (IkeEngine, the userspace
/// data plane, L2tpEndpoint, PppSession), all in this one process, one source address each.
/// </summary>
internal static class Program
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> Main(string[] args)
    {
        try
        {
            switch (args.FirstOrDefault())
            {
                case "configure":
                    GatewayStore.Write(args);
                    return 0;
                case "run":
                    return await Run(LoadOptions.Parse(args));
                default:
                    Console.Error.WriteLine(LoadOptions.Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }
    }

    private static async Task<int> Run(LoadOptions options)
    {
        if (options.Group == Engine.Crypto.KeyExchange.DiffieHellmanGroup.Modp2048 && !LibCryptoModpProvider.TryRegister())
        {
            Console.Error.WriteLine("warning: libcrypto MODP provider unavailable; the clients use managed MODP");
        }

        using var run = new LoadRun(options);
        var result = new Dictionary<string, object?>
        {
            ["sessions"] = options.Sessions,
            ["concurrency"] = options.Concurrency,
            ["group"] = options.Group == Engine.Crypto.KeyExchange.DiffieHellmanGroup.Ecp256 ? 19 : 14,
            ["authentication"] = options.Authentication.ToString(),
            ["warmup"] = options.Warmup,
            ["client_modp"] = KeyExchanges.ModpImplementation,
        };

        // Warm-up: a few sessions one after the other (addresses after the measured ones), so that
        // the first-call JIT of both sides stays out of the figures. They stay up: the baseline
        // below is a gateway that has served sessions, with its per-session code loaded.
        var warmed = await run.RunBatch(options.Sessions, options.Warmup, 1, TimeSpan.FromSeconds(120));
        var warmupUp = run.Sessions.Skip(options.Sessions).Count(s => s.IsUp);
        result["warmup_established"] = warmupUp;
        Log($"warm-up: {warmupUp}/{options.Warmup} up{(warmed ? string.Empty : " (timed out)")}");
        if (options.Warmup > 0 && warmupUp == 0)
        {
            result["error"] = "no warm-up session came up: " + string.Join("; ", run.Sessions.Skip(options.Sessions).Select(s => s.Failure).Distinct());
            Console.WriteLine(JsonSerializer.Serialize(result, Json));
            return 1;
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = Sample(options.GatewayPid);
        var generatorBefore = ProcessSample.Read(Environment.ProcessId);

        Log($"starting {options.Sessions} sessions, {options.Concurrency} at a time");
        var started = Stopwatch.GetTimestamp();
        var finished = await run.RunBatch(0, options.Sessions, options.Concurrency, options.Timeout);
        var wall = Stopwatch.GetElapsedTime(started);
        var afterSetup = Sample(options.GatewayPid);
        var measured = run.Sessions.Take(options.Sessions).ToArray();
        var up = measured.Where(s => s.IsUp || s.IsDropped).ToArray();
        var lastUp = up.Select(s => s.CompletedTicks).DefaultIfEmpty(started).Max();
        var setupSeconds = Stopwatch.GetElapsedTime(started, lastUp).TotalSeconds;
        Log($"{up.Length} up in {setupSeconds:F1} s, {measured.Count(s => s.IsFailed)} failed{(finished ? string.Empty : ", run timed out")}");

        Log($"idle for {options.Idle.TotalSeconds} s");
        var idleStart = Sample(options.GatewayPid);
        var generatorIdleStart = ProcessSample.Read(Environment.ProcessId);
        var packetsIdleStart = run.DataPlane.GetStatistics();
        await Task.Delay(options.Idle);
        var idleEnd = Sample(options.GatewayPid);
        var generatorIdleEnd = ProcessSample.Read(Environment.ProcessId);
        var packetsIdleEnd = run.DataPlane.GetStatistics();

        // What the idle sessions exchanged with the gateway (LCP echoes both ways, L2TP
        // acknowledgments): every ESP packet the clients sent or received, per second.
        var idleEspPackets = packetsIdleEnd.PacketsSent + packetsIdleEnd.PacketsReceived - packetsIdleStart.PacketsSent - packetsIdleStart.PacketsReceived;
        result["idle_esp_packets_per_second"] = Math.Round(idleEspPackets / options.Idle.TotalSeconds, 1);
        var stillUp = measured.Count(s => s.IsUp);

        var phases = up.Select(s => s.Phases).ToArray();
        var failures = measured.Where(s => s.IsFailed || s.IsDropped).GroupBy(s => (s.IsDropped ? "dropped: " : string.Empty) + s.Failure)
            .ToDictionary(g => g.Key, g => g.Count());
        result["established"] = up.Length;
        result["failed"] = measured.Count(s => s.IsFailed);
        result["unfinished"] = measured.Count(s => !s.IsUp && !s.IsFailed && !s.IsDropped);
        result["failures"] = failures;
        result["setup_seconds"] = Math.Round(setupSeconds, 2);
        result["sessions_per_second"] = setupSeconds > 0 ? Math.Round(up.Length / setupSeconds, 1) : 0;
        result["latency_ms_median"] = Percentile(phases.Select(p => p.Total), 0.5);
        result["latency_ms_p90"] = Percentile(phases.Select(p => p.Total), 0.9);
        result["latency_ms_p99"] = Percentile(phases.Select(p => p.Total), 0.99);
        result["latency_ms_max"] = Percentile(phases.Select(p => p.Total), 1);
        result["ike_ms_median"] = Percentile(phases.Select(p => p.Ipsec), 0.5);
        result["l2tp_ms_median"] = Percentile(phases.Select(p => p.L2tp), 0.5);
        result["ppp_ms_median"] = Percentile(phases.Select(p => p.Ppp), 0.5);
        result["ike_ms_p99"] = Percentile(phases.Select(p => p.Ipsec), 0.99);
        result["l2tp_ms_p99"] = Percentile(phases.Select(p => p.L2tp), 0.99);
        result["ppp_ms_p99"] = Percentile(phases.Select(p => p.Ppp), 0.99);
        // An L2TP phase of a second or more: the SCCRQ (sent at once after the client's 541) reached the
        // gateway before it had installed its inbound SA, and L2TP retransmitted it after 1 s.
        result["l2tp_retransmitted_sessions"] = phases.Count(p => p.L2tp >= 900);
        result["idle_seconds"] = options.Idle.TotalSeconds;
        result["still_up_after_idle"] = stillUp;
        result["dropped"] = run.DroppedCount;

        if (before is { } b && afterSetup is { } s && idleStart is { } i && idleEnd is { } e)
        {
            var n = Math.Max(1, up.Length);
            result["gateway_rss_kb_before"] = b.RssKilobytes;
            result["gateway_rss_kb_established"] = s.RssKilobytes;
            result["gateway_rss_kb_after_idle"] = e.RssKilobytes;
            result["gateway_rss_kb_peak"] = e.PeakRssKilobytes;
            result["gateway_threads"] = e.Threads;
            result["rss_bytes_per_session_established"] = Math.Round((s.RssKilobytes - b.RssKilobytes) * 1024.0 / n);
            result["rss_bytes_per_session_after_idle"] = Math.Round((e.RssKilobytes - b.RssKilobytes) * 1024.0 / n);
            result["gateway_setup_cpu_seconds"] = Math.Round(s.CpuSeconds - b.CpuSeconds, 2);
            result["gateway_setup_cpu_ms_per_session"] = Math.Round((s.CpuSeconds - b.CpuSeconds) * 1000 / n, 3);
            result["gateway_idle_cpu_seconds"] = Math.Round(e.CpuSeconds - i.CpuSeconds, 2);
            result["gateway_idle_cpu_percent_of_core"] = Math.Round((e.CpuSeconds - i.CpuSeconds) * 100 / options.Idle.TotalSeconds, 2);
            // CPU per idle session: the gateway's CPU time over the idle period, per session, per second.
            result["gateway_idle_cpu_us_per_session_second"] = Math.Round((e.CpuSeconds - i.CpuSeconds) * 1e6 / n / options.Idle.TotalSeconds, 3);
            result["gateway_idle_cpu_ms_per_session"] = Math.Round((e.CpuSeconds - i.CpuSeconds) * 1000 / n, 3);
            result["gateway_idle_cpu_us_per_esp_packet"] = idleEspPackets > 0 ? Math.Round((e.CpuSeconds - i.CpuSeconds) * 1e6 / idleEspPackets, 1) : double.NaN;
        }

        result["generator_rss_kb_before"] = generatorBefore.RssKilobytes;
        result["generator_rss_kb_after_idle"] = generatorIdleEnd.RssKilobytes;
        result["generator_idle_cpu_seconds"] = Math.Round(generatorIdleEnd.CpuSeconds - generatorIdleStart.CpuSeconds, 2);
        result["generator_raw_send_failures"] = run.RawSendFailures;
        result["generator_l2tp_sends_refused"] = run.L2tp.SendsRefused;
        result["generator_esp_unmapped_sends"] = run.UnmappedEspSends;
        result["generator_unexpected_sa_moves"] = run.Kernel.UnexpectedUpdates;
        result["generator_data_plane"] = DataPlaneSummary(run);
        if (options.ControlSocket is { } socket)
        {
            result["gateway_status"] = GatewayStatus(socket);
        }

        Console.WriteLine(JsonSerializer.Serialize(result, Json));
        return 0;
    }

    private static ProcessSample? Sample(int? pid) => pid is { } id ? ProcessSample.Read(id) : null;

    private static object GatewayStatus(string socket)
    {
        try
        {
            var client = new ControlClient(socket, TimeSpan.FromSeconds(30));
            var status = client.Call<VpnGatewayStatus>(ControlCommands.GetVpnGateway);
            var statistics = client.Call<IpSecStatistics>(ControlCommands.GetStatistics);
            return new Dictionary<string, object?>
            {
                // ESP that arrived before the gateway had installed the SA: a client's first L2TP
                // datagram racing its own quick mode 3 (the gateway installs on quick mode 3).
                ["bad_spi_packets"] = statistics?.QuickMode.BadSpiPackets,
                ["ike_invalid_packets"] = statistics?.MainMode.InvalidPacketsReceived,
                ["ike_negotiation_failures"] = statistics?.MainMode.NegotiationFailures,
                ["state"] = status?.State,
                ["sessions"] = status?.Sessions,
                ["tunnels"] = status?.Tunnels,
                ["connections_total"] = status?.ConnectionsTotal,
                ["sessions_refused"] = status?.SessionsRefused,
                ["authentication_failures"] = status?.AuthenticationFailures,
            };
        }
        catch (Exception problem) when (problem is not OutOfMemoryException)
        {
            return $"unavailable: {problem.Message}";
        }
    }

    private static Dictionary<string, long> DataPlaneSummary(LoadRun run)
    {
        var statistics = run.DataPlane.GetStatistics();
        return new Dictionary<string, long>
        {
            ["active_sas"] = statistics.ActiveSas,
            ["packets_sent"] = statistics.PacketsSent,
            ["packets_received"] = statistics.PacketsReceived,
            ["bad_spi"] = statistics.BadSpiPackets,
            ["not_authenticated"] = statistics.PacketsNotAuthenticated,
            ["replay"] = statistics.PacketsWithReplayDetected,
            ["malformed"] = statistics.MalformedPackets,
        };
    }

    private static void Log(string message) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}");

    /// <summary>Nearest-rank percentile (milliseconds, one decimal) of the values that are numbers.</summary>
    private static double Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 1);
    }
}
