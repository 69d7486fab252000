using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Engine.Crypto.Registry;
using Engine.Ike.Configuration;
using Engine.Platform.Linux.Crypto;

namespace IpSecPolicy.IkeLoad;

/// <summary>
/// Starts N IKEv1 initiators at once against one responder and reports how fast the responder set
/// them up: see <see cref="LoadOptions.Usage"/>. Each initiator is a whole IkeEngine of ours with
/// its own lock and sockets, so the generator spreads over both cores and never serializes the
/// responder's peers behind one lock; the same generator drives ours and strongSwan, so its own
/// cost is the same on both sides of a ratio.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }

        if (options.UseLibCrypto && !LibCryptoModpProvider.TryRegister())
        {
            Console.Error.WriteLine("warning: libcrypto MODP provider unavailable; the initiators use managed MODP");
        }

        if (options.UseLibCrypto && !LibCryptoEcpProvider.TryRegister())
        {
            Console.Error.WriteLine("warning: libcrypto ECP provider unavailable; the initiators use .NET's ECDiffieHellman");
        }

        // Retransmission as the engine's default (4 s, x1.8, 5 tries); a negotiation that has not
        // finished when the run's time is up counts as not set up.
        var engineOptions = new IkeEngineOptions();

        // Warm-up: exchanges one after the other (on a few addresses after the measured ones, in
        // turn), then a pause, so that neither the generator's nor the responder's just-in-time
        // compilation (first calls, then the recompilation of hot code) lands in the figures.
        for (var i = 0; i < options.Warmup; i++)
        {
            // Rounds of 100 with a pause between them: .NET counts calls towards recompiling a
            // method only once no new code was compiled for a while (its call-counting delay).
            if (i > 0 && i % 100 == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            using var warmup = new LoadClient(options, options.Clients + (i % LoadOptions.WarmupAddresses), engineOptions);
            warmup.Start();
            await Task.WhenAny(warmup.Done, Task.Delay(TimeSpan.FromSeconds(30)));
        }

        await Task.Delay(options.Settle);

        var clients = new List<LoadClient>(options.Clients);
        for (var i = 0; i < options.Clients; i++)
        {
            clients.Add(new LoadClient(options, i, engineOptions));
        }

        var responderTicksBefore = ResponderCpuTicks(options.ResponderPid);
        var started = Stopwatch.GetTimestamp();
        foreach (var client in clients)
        {
            client.Start();
        }

        var all = Task.WhenAll(clients.Select(c => c.Done));
        await Task.WhenAny(all, Task.Delay(options.Timeout));
        var wall = Stopwatch.GetElapsedTime(started);
        var responderTicksBurst = ResponderCpuTicks(options.ResponderPid) - responderTicksBefore;

        var latencies = clients.Where(c => c.Latency is not null).Select(c => c.Latency!.Value.TotalMilliseconds).Order().ToArray();
        var lastCompletion = clients.Where(c => c.Latency is not null).Select(c => c.CompletedTicks).DefaultIfEmpty(started).Max();
        var busy = Stopwatch.GetElapsedTime(started, lastCompletion).TotalSeconds;
        var failures = clients.Where(c => c.Failure is not null).GroupBy(c => c.Failure!).ToDictionary(g => g.Key, g => g.Count());
        var result = new Dictionary<string, object>
        {
            ["clients"] = options.Clients,
            ["warmup"] = options.Warmup,
            ["group"] = (int)options.Group,
            ["mode"] = options.Tunnel ? "tunnel" : "transport",
            ["established"] = latencies.Length,
            ["failed"] = failures.Values.Sum(),
            ["unfinished"] = options.Clients - latencies.Length - failures.Values.Sum(),
            ["failures"] = failures,
            ["seconds_to_last"] = Math.Round(busy, 3),
            ["wall_seconds"] = Math.Round(wall.TotalSeconds, 3),
            ["sas_per_second"] = busy > 0 ? Math.Round(latencies.Length / busy, 1) : 0,
            ["latency_ms_min"] = Percentile(latencies, 0),
            ["latency_ms_median"] = Percentile(latencies, 0.5),
            ["latency_ms_p90"] = Percentile(latencies, 0.9),
            ["latency_ms_p99"] = Percentile(latencies, 0.99),
            ["latency_ms_max"] = Percentile(latencies, 1),
            ["initiator_modp"] = KeyExchanges.ModpImplementation,
            ["initiator_ecp"] = KeyExchanges.EcpImplementation,
            ["settle_seconds"] = options.Settle.TotalSeconds,
            ["responder_cpu_ticks_burst"] = options.ResponderPid is null ? -1 : responderTicksBurst,
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return 0;
    }

    /// <summary>User + system CPU time of a process in clock ticks (/proc/PID/stat fields 14 and 15); 0 without one.</summary>
    private static long ResponderCpuTicks(int? pid)
    {
        if (pid is null)
        {
            return 0;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // Fields after the command, which is in parentheses and may hold spaces: state is field 3.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>Nearest-rank percentile of sorted values (milliseconds, one decimal).</summary>
    private static double Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 1);
    }
}
