using System;
using System.Globalization;
using System.Net;
using Engine.Crypto.KeyExchange;

namespace IpSecPolicy.IkeLoad;

/// <summary>The command line: see <see cref="Usage"/>.</summary>
internal sealed class LoadOptions
{
    public const string Usage = """
        IkeLoad --target ADDRESS --first-source ADDRESS --clients N [--group 14|19] [--mode transport|tunnel]
                [--psk TEXT] [--timeout SECONDS] [--warmup K] [--settle SECONDS] [--responder-pid PID]
                [--libcrypto true|false]
          Starts N IKEv1 initiators, one per source address (FIRST-SOURCE, FIRST-SOURCE + 1, ...; every
          address must be on an interface of this namespace), each with main mode (PSK, AES-128, SHA-256,
          the DH group) and one quick mode (ESP AES-128/HMAC-SHA-256, no PFS) to TARGET, all at once.
          First K warm-up exchanges one at a time, in rounds of 100 with 1 s between (default 400), on 5 addresses after the N measured ones in
          turn (each client deletes its SAs when it is done), then SETTLE seconds of quiet (default 3): a
          responder that compiles its code just in time (ours) has its hot paths recompiled with their
          final optimizations before the burst, as on a gateway that has been up for a while (with 5
          warm-up exchanges, .NET's tiered compilation still recompiled the hot paths during the burst:
          18% of the responder's CPU there, and the code ran at its unoptimized tiers meanwhile). With PID, the responder's CPU time during
          the burst (until the last SA is set up, in clock ticks) is reported too.
          Prints one JSON object: SAs set up, failures, wall time, SAs per second, latency percentiles.
        """;

    public required IPAddress Target { get; init; }

    public required IPAddress FirstSource { get; init; }

    public required int Clients { get; init; }

    public DiffieHellmanGroup Group { get; init; } = DiffieHellmanGroup.Modp2048;

    public bool Tunnel { get; init; }

    public string PreSharedKey { get; init; } = "bench pre-shared key 0123456789";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    public bool UseLibCrypto { get; init; } = true;

    public int Warmup { get; init; } = 400;

    /// <summary>Addresses the warm-up clients take in turn (the neighbour tables hold about 1,024).</summary>
    public const int WarmupAddresses = 5;

    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(3);

    public int? ResponderPid { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        return new LoadOptions
        {
            Target = IPAddress.Parse(Value("--target") ?? throw new ArgumentException("--target is required")),
            FirstSource = IPAddress.Parse(Value("--first-source") ?? throw new ArgumentException("--first-source is required")),
            Clients = int.Parse(Value("--clients") ?? throw new ArgumentException("--clients is required"), CultureInfo.InvariantCulture),
            Group = (DiffieHellmanGroup)int.Parse(Value("--group") ?? "14", CultureInfo.InvariantCulture),
            Tunnel = (Value("--mode") ?? "transport") == "tunnel",
            PreSharedKey = Value("--psk") ?? "bench pre-shared key 0123456789",
            Timeout = TimeSpan.FromSeconds(double.Parse(Value("--timeout") ?? "120", CultureInfo.InvariantCulture)),
            UseLibCrypto = (Value("--libcrypto") ?? "true") == "true",
            Warmup = int.Parse(Value("--warmup") ?? "400", CultureInfo.InvariantCulture),
            Settle = TimeSpan.FromSeconds(double.Parse(Value("--settle") ?? "3", CultureInfo.InvariantCulture)),
            ResponderPid = Value("--responder-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>The source address of client <paramref name="index"/>: FIRST-SOURCE + index (IPv4).</summary>
    public IPAddress Source(int index)
    {
        var bytes = FirstSource.GetAddressBytes();
        var value = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) + (uint)index;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }
}
