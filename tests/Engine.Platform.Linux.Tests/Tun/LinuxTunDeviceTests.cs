using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Engine.Platform.Linux.Namespaces;
using Engine.Platform.Linux.Nftables;
using Engine.Platform.Linux.Tests.Infrastructure;
using Engine.Platform.Linux.Tun;

namespace Engine.Platform.Linux.Tests.Tun;

public sealed class LinuxTunDeviceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    [Fact]
    public void DeviceIsUpWithItsMtuAndWithoutIpv6LinkLocalAddress()
    {
        Root.Require();
        using var host = DisposableNetworkNamespace.Create();
        var tun = host.Run(() => LinuxTunDevice.Create(new TunDeviceOptions { Name = "tuntest0", Mtu = 1420 }));

        using (JsonDocument link = JsonDocument.Parse(host.ExecuteChecked("ip", "-j", "link", "show", "tuntest0").StandardOutput))
        {
            Assert.Equal(1420, link.RootElement[0].GetProperty("mtu").GetInt32());
            Assert.Contains("UP", link.RootElement[0].GetProperty("flags").EnumerateArray().Select(flag => flag.GetString()));
        }

        Assert.Equal("tuntest0", tun.Name);
        Assert.Equal(1420, tun.Mtu);
        Assert.DoesNotContain("inet6", host.ExecuteChecked("ip", "address", "show", "dev", "tuntest0").StandardOutput, StringComparison.Ordinal);

        tun.Dispose();

        // Not persistent: closing the last queue deletes the interface.
        Assert.False(host.Execute("ip", "link", "show", "tuntest0").Succeeded);
    }

    [Fact]
    public void MultiQueueDeviceLivesUntilItsLastQueueCloses()
    {
        Root.Require();
        using var host = DisposableNetworkNamespace.Create();
        var queues = host.Run(() => LinuxTunDevice.CreateQueues(new TunDeviceOptions { Name = "tunmq0", QueueCount = 3 }));

        Assert.Equal(3, queues.Count);
        Assert.Contains("multi_queue", host.ExecuteChecked("ip", "-d", "link", "show", "tunmq0").StandardOutput, StringComparison.Ordinal);
        queues[0].Dispose();
        queues[1].Dispose();
        Assert.True(host.Execute("ip", "link", "show", "tunmq0").Succeeded);
        queues[2].Dispose();
        Assert.False(host.Execute("ip", "link", "show", "tunmq0").Succeeded);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PingMarkedByPolicyIsRoutedIntoTheTunDevice(bool ipv6)
    {
        using var hosts = TwoHosts.Create();
        IPAddress peer = TwoHosts.RightAddress(ipv6);
        using var tun = Collector.Of(Steering.CreateTun(hosts.Left));
        new NftablesRulesetApplier(hosts.Left.Name).Apply(Steering.SecureEverythingTo(peer));

        using var ping = BackgroundCommand.Start(hosts.Left.Name, "ping", "-c", "1", "-W", "3", peer.ToString());

        Received echo = tun.First(packet => Packets.IsEchoRequestTo(packet, peer), Patience)
            ?? throw new TimeoutException("the echo request never reached the TUN device");
        // The source address was chosen by the original route, through the veth.
        int sourceOffset = ipv6 ? 8 : 12;
        Assert.Equal(TwoHosts.LeftAddress(ipv6), new IPAddress(echo.Data.AsSpan(sourceOffset, ipv6 ? 16 : 4)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PacketWrittenToTheTunDeviceIsDeliveredToALocalSocket(bool ipv6)
    {
        using var hosts = TwoHosts.Create();
        IPAddress local = TwoHosts.LeftAddress(ipv6);
        IPAddress peer = TwoHosts.RightAddress(ipv6);
        // Strict reverse-path filtering (systemd's default is loose, which drops these packets too).
        hosts.Left.ExecuteChecked("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1");
        using var tun = Steering.CreateTun(hosts.Left);
        // The TUN device is exempt; the veth's effective setting, max(all, veth), is still strict.
        Assert.Equal("0", Sysctl(hosts.Left, $"net.ipv4.conf.{tun.Name}.rp_filter"));
        Assert.Equal("0", Sysctl(hosts.Left, "net.ipv4.conf.all.rp_filter"));
        Assert.Equal("1", Sysctl(hosts.Left, $"net.ipv4.conf.{TwoHosts.LeftInterface}.rp_filter"));
        using var socket = hosts.Left.Run(() =>
        {
            var bound = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 3000 };
            bound.Bind(new IPEndPoint(local, 7000));
            return bound;
        });

        Assert.True(tun.Write(Packets.Udp(peer, local, 5555, 7000, "decrypted"u8)));

        var buffer = new byte[100];
        EndPoint sender = new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        int length = socket.ReceiveFrom(buffer, ref sender);
        Assert.Equal("decrypted", Encoding.ASCII.GetString(buffer, 0, length));
        Assert.Equal(new IPEndPoint(peer, 5555), sender);
    }

    [Fact]
    public void WritingSomethingThatIsNotAnIpPacketReturnsFalse()
    {
        Root.Require();
        using var host = DisposableNetworkNamespace.Create();
        using var tun = host.Run(() => LinuxTunDevice.Create(new TunDeviceOptions { Name = "tunbad0" }));

        Assert.False(tun.Write([0x00, 0x01, 0x02, 0x03]));
    }

    [Fact]
    public void DisposeWakesABlockedReader()
    {
        Root.Require();
        using var host = DisposableNetworkNamespace.Create();
        var tun = host.Run(() => LinuxTunDevice.Create(new TunDeviceOptions { Name = "tunwake0" }));
        var reading = Task.Factory.StartNew(() => tun.Read(new byte[2048]), TaskCreationOptions.LongRunning);
        Thread.Sleep(100);
        Assert.False(reading.IsCompleted);

        tun.Dispose();

        var error = Assert.Throws<AggregateException>(() => reading.Wait(Patience));
        Assert.IsType<ObjectDisposedException>(error.InnerException);
        Assert.Throws<ObjectDisposedException>(() => tun.Write(new byte[20]));
    }

    private static string Sysctl(DisposableNetworkNamespace host, string name) =>
        host.ExecuteChecked("sysctl", "-n", name).StandardOutput.Trim();

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LinuxTunDevice.Create(new TunDeviceOptions { Mtu = 1279 }));
        Assert.Throws<ArgumentException>(() => LinuxTunDevice.Create(new TunDeviceOptions { Name = "much-too-long-name" }));
        Assert.Throws<ArgumentException>(() => LinuxTunDevice.Create(new TunDeviceOptions { QueueCount = 2 }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BatchReadDrainsWhatIsQueued(bool ipv6)
    {
        Root.Require();
        using var host = DisposableNetworkNamespace.Create();
        using var tun = host.Run(() => LinuxTunDevice.Create(new TunDeviceOptions { Name = "tunbatch0" }));
        string prefix = ipv6 ? "fd00:250::/64" : "10.250.0.0/24";
        IPAddress target = IPAddress.Parse(ipv6 ? "fd00:250::9" : "10.250.0.9");
        host.ExecuteChecked("ip", "address", "add", ipv6 ? "fd00:251::1/64" : "10.251.0.1/24", "dev", "tunbatch0", "nodad");
        host.ExecuteChecked("ip", "route", "add", prefix, "dev", "tunbatch0");
        host.Run(() =>
        {
            using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            for (int i = 0; i < 5; i++)
            {
                socket.SendTo(new byte[10 + i], new IPEndPoint(target, 9));
            }
        });

        using var batch = new Engine.DataPlane.Abstractions.DatagramBatch(8);
        for (int i = 0; i < 8; i++)
        {
            batch.Add(new byte[2048], 128, 1500, null);
        }

        // The datagrams were queued before the read: one call returns all of them, in order.
        int count = tun.Read(batch);
        Assert.Equal(5, count);
        int header = ipv6 ? 40 : 20;
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(header + 8 + 10 + i, batch.Length(i));
            Assert.Equal(ipv6 ? 0x60 : 0x45, batch.Span(i)[0] & (ipv6 ? 0xf0 : 0xff));
        }
    }
}
