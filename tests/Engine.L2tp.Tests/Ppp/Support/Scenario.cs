using System.Net;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Addressing;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Lcp;
using Microsoft.Extensions.Time.Testing;

namespace Engine.L2tp.Tests.Ppp.Support;

/// <summary>Options for a gateway and a client as the tests use them, with sensible defaults to override.</summary>
public static class Scenario
{
    public const string UserName = "alice";
    public const string Password = "correct horse battery";
    public static readonly IPAddress GatewayAddress = IPAddress.Parse("192.168.50.1");
    public static readonly IPAddress[] Dns = [IPAddress.Parse("192.168.1.53"), IPAddress.Parse("192.168.1.54")];
    public static readonly IPAddress[] Wins = [IPAddress.Parse("192.168.1.137"), IPAddress.Parse("192.168.1.138")];

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static Ipv4AddressPool NewPool(string range = "192.168.50.10-192.168.50.200") => Ipv4AddressPool.Parse(range);

    public static PppUserLookup Users(params (string Name, string Password)[] users)
    {
        var table = users.ToDictionary(user => user.Name, user => user.Password, StringComparer.OrdinalIgnoreCase);
        return name => table.TryGetValue(name, out var password) ? PppPassword.FromString(password) : null;
    }

    public static Action<Span<byte>> SeededRandom(int seed)
    {
        var random = new Random(seed);
        return bytes => random.NextBytes(bytes);
    }

    /// <summary>Seeded randomness whose first bytes are fixed (so two ends can draw the same first magic number).</summary>
    public static Action<Span<byte>> RandomStartingWith(byte[] prefix, int seed)
    {
        var random = new Random(seed);
        var used = 0;
        return bytes =>
        {
            var fromPrefix = Math.Min(bytes.Length, prefix.Length - used);
            prefix.AsSpan(used, fromPrefix).CopyTo(bytes);
            used += fromPrefix;
            random.NextBytes(bytes[fromPrefix..]);
        };
    }

    public static PppSessionOptions Server(
        FakeTimeProvider time,
        PppAuthenticationProtocol[]? protocols = null,
        Ipv4AddressPool? pool = null,
        PppUserLookup? users = null,
        LcpSettings? lcp = null,
        AuthenticatorSettings? authentication = null,
        bool ipv6 = false,
        TimeSpan idle = default) => new()
    {
        Role = PppRole.Server,
        TimeProvider = time,
        RandomSource = SeededRandom(1),
        Lcp = lcp ?? new LcpSettings { Mru = 1400 },
        EnableIpv6 = ipv6,
        IdleTimeout = idle,
        Server = new PppServerSettings
        {
            AuthenticationProtocols = protocols ?? [PppAuthenticationProtocol.MsChapV2, PppAuthenticationProtocol.Chap, PppAuthenticationProtocol.Pap],
            UserLookup = users ?? Users((UserName, Password)),
            Authentication = authentication ?? new AuthenticatorSettings(),
            LocalAddress = GatewayAddress,
            AddressPool = pool ?? NewPool(),
            DnsServers = Dns,
            WinsServers = Wins,
        },
    };

    public static PppSessionOptions Client(
        FakeTimeProvider time,
        PppAuthenticationProtocol[]? protocols = null,
        string userName = UserName,
        string password = Password,
        LcpSettings? lcp = null,
        bool ipv6 = false) => new()
    {
        Role = PppRole.Client,
        TimeProvider = time,
        RandomSource = SeededRandom(2),
        Lcp = lcp ?? new LcpSettings(),
        EnableIpv6 = ipv6,
        Client = new PppClientSettings
        {
            UserName = userName,
            Password = PppPassword.FromString(password),
            AuthenticationProtocols = protocols ?? [PppAuthenticationProtocol.MsChapV2, PppAuthenticationProtocol.Chap, PppAuthenticationProtocol.Pap],
        },
    };
}
