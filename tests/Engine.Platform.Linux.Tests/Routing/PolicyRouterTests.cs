using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using Engine.DataPlane.Abstractions;
using Engine.Platform.Linux.Namespaces;
using Engine.Platform.Linux.Nftables;
using Engine.Platform.Linux.Routing;
using Engine.Platform.Linux.Sockets;
using Engine.Platform.Linux.Tests.Infrastructure;

namespace Engine.Platform.Linux.Tests.Routing;

public sealed class PolicyRouterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
    private static readonly PolicyRoutingOptions Options = PolicyRoutingOptions.Default;

    [Theory]
    [InlineData("-4")]
    [InlineData("-6")]
    public void InstallAddsOneRuleAndTheTunRouteAboveABlackholeIdempotently(string family)
    {
        using var hosts = TwoHosts.Create();
        using var tun = Steering.CreateTun(hosts.Left); // installs once

        new PolicyRouter(Options, hosts.Left.Name).Install(tun.Name);

        JsonElement[] rules = Rules(hosts.Left, family);
        JsonElement rule = Assert.Single(rules);
        Assert.Equal("18768", rule.GetProperty("table").GetString());
        Assert.Equal("0x1000000", rule.GetProperty("fwmark").GetString());
        Assert.Equal("0xf000000", rule.GetProperty("fwmask").GetString());
        JsonElement[] routes = Routes(hosts.Left, family);
        Assert.Contains(routes, route => Text(route, "dev") == tun.Name);
        Assert.Contains(routes, route => Text(route, "type") == "blackhole" && route.GetProperty("metric").GetUInt32() == uint.MaxValue);
    }

    [Fact]
    public void RemoveDeletesTheRulesAndEmptiesTheTable()
    {
        using var hosts = TwoHosts.Create();
        using var tun = Steering.CreateTun(hosts.Left);
        var router = new PolicyRouter(Options, hosts.Left.Name);

        router.Remove();
        router.Remove();

        foreach (string family in new[] { "-4", "-6" })
        {
            Assert.Empty(Rules(hosts.Left, family));
            Assert.Empty(Routes(hosts.Left, family));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SocketsWithTheBypassMarkSkipTheTunDevice(bool ipv6)
    {
        using var hosts = TwoHosts.Create();
        IPAddress peer = TwoHosts.RightAddress(ipv6);
        using var tun = Collector.Of(Steering.CreateTun(hosts.Left));
        new NftablesRulesetApplier(hosts.Left.Name).Apply(Steering.SecureEverythingTo(peer));
        using var receiver = hosts.Right.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.Esp, peer));
        using var arrivals = Collector.Of(receiver);
        using var engine = hosts.Left.Run(() => LinuxDatagramBind.Open(
            DatagramEndpointKind.Esp, TwoHosts.LeftAddress(ipv6), new DatagramBindOptions { FirewallMark = Options.BypassMark }));
        using var application = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.Esp, TwoHosts.LeftAddress(ipv6)));
        var destination = new IPEndPoint(peer, 0).Serialize();

        Assert.Equal(DatagramSendStatus.Sent, engine.Send("engine"u8, destination));
        Assert.Equal(DatagramSendStatus.Sent, application.Send("application"u8, destination));

        // The engine's packet goes straight to the peer; the unmarked one is steered into the TUN device.
        Received direct = arrivals.Next(Patience) ?? throw new TimeoutException("the bypass-marked packet did not reach the peer");
        Assert.True(direct.Data.AsSpan().EndsWith("engine"u8));
        Assert.NotNull(tun.First(packet => packet.AsSpan().EndsWith("application"u8), Patience));
        Assert.Null(arrivals.Next(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void MarkedPacketsAreBlackholedOnceTheTunDeviceIsGone()
    {
        using var hosts = TwoHosts.Create();
        Steering.CreateTun(hosts.Left).Dispose();
        using var receiver = hosts.Right.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.Esp, TwoHosts.RightV4));
        using var arrivals = Collector.Of(receiver);
        // A socket that marks its own packets as "to be secured", as nftables would.
        using var sender = hosts.Left.Run(() => LinuxDatagramBind.Open(
            DatagramEndpointKind.Esp, TwoHosts.LeftV4, new DatagramBindOptions { FirewallMark = Options.SecureMark }));

        DatagramSendStatus status = sender.Send("secret"u8, new IPEndPoint(TwoHosts.RightV4, 0).Serialize());

        Assert.NotEqual(DatagramSendStatus.Sent, status);
        Assert.Null(arrivals.Next(TimeSpan.FromMilliseconds(300)));
        JsonElement route = Assert.Single(Routes(hosts.Left, "-4"));
        Assert.Equal("blackhole", route.GetProperty("type").GetString());
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) ? value.GetString() : null;

    private static JsonElement[] Rules(DisposableNetworkNamespace host, string family)
    {
        using JsonDocument document = JsonDocument.Parse(host.ExecuteChecked("ip", family, "-j", "rule", "show").StandardOutput);
        return document.RootElement.EnumerateArray()
            .Where(rule => rule.GetProperty("priority").GetInt32() == Options.RulePriority)
            .Select(rule => rule.Clone())
            .ToArray();
    }

    private static JsonElement[] Routes(DisposableNetworkNamespace host, string family)
    {
        string output = host.ExecuteChecked("ip", family, "-j", "route", "show", "table", Options.RouteTable.ToString(System.Globalization.CultureInfo.InvariantCulture)).StandardOutput;
        using JsonDocument document = JsonDocument.Parse(string.IsNullOrWhiteSpace(output) ? "[]" : output);
        return document.RootElement.EnumerateArray().Select(route => route.Clone()).ToArray();
    }
}
