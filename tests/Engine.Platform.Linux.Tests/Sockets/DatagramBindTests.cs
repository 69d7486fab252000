using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Engine.DataPlane.Abstractions;
using Engine.Platform.Linux.Sockets;
using Engine.Platform.Linux.Tests.Infrastructure;

namespace Engine.Platform.Linux.Tests.Sockets;

public sealed class DatagramBindTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(DatagramEndpointKind.Esp, false)]
    [InlineData(DatagramEndpointKind.Esp, true)]
    [InlineData(DatagramEndpointKind.Ah, false)]
    [InlineData(DatagramEndpointKind.Ah, true)]
    public void RawPacketCrossesTheVethAndArrivesWithOrWithoutItsIpHeader(DatagramEndpointKind kind, bool ipv6)
    {
        using var hosts = TwoHosts.Create();
        IPAddress left = TwoHosts.LeftAddress(ipv6);
        IPAddress right = TwoHosts.RightAddress(ipv6);
        using var receiver = hosts.Right.Run(() => LinuxDatagramBind.Open(kind, right));
        using var sender = hosts.Left.Run(() => LinuxDatagramBind.Open(kind, left));
        using var collector = Collector.Of(receiver);
        byte[] payload = [0x00, 0x00, 0x12, 0x34, 0x00, 0x00, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef]; // SPI 0x1234, sequence 1

        // Raw IPv4 AH is sent with the header the sender wrote (IP_HDRINCL): its identification arrives as written.
        Assert.Equal(kind == DatagramEndpointKind.Ah && !ipv6, sender.SendIncludesIpHeader);
        byte[] sent = sender.SendIncludesIpHeader ? [.. Ipv4Header(left, right, 51, identification: 0x1234, payload.Length), .. payload] : payload;
        Assert.Equal(DatagramSendStatus.Sent, sender.Send(sent, new IPEndPoint(right, 0).Serialize()));

        Received received = collector.Next(Patience) ?? throw new TimeoutException("no packet arrived");
        Assert.Equal(left, received.Source!.Address);
        Assert.Equal(!ipv6, receiver.ReceiveIncludesIpHeader);
        if (ipv6)
        {
            Assert.Equal(payload, received.Data);
        }
        else
        {
            // IPv4 raw sockets see the whole packet: a 20-byte header carrying protocol 50 or 51.
            Assert.Equal(0x45, received.Data[0]);
            Assert.Equal(kind == DatagramEndpointKind.Esp ? 50 : 51, received.Data[9]);
            Assert.Equal(payload, received.Data[20..]);
            if (sender.SendIncludesIpHeader)
            {
                Assert.Equal([0x12, 0x34], received.Data[4..6]);
            }
        }
    }

    private static byte[] Ipv4Header(IPAddress source, IPAddress destination, byte protocol, ushort identification, int payloadLength)
    {
        var header = new byte[20];
        header[0] = 0x45;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(20 + payloadLength));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), identification);
        header[6] = 0x40;
        header[8] = 64;
        header[9] = protocol;
        source.GetAddressBytes().CopyTo(header, 12);
        destination.GetAddressBytes().CopyTo(header, 16);
        return header; // the kernel fills in the checksum
    }

    [Theory]
    [InlineData(DatagramEndpointKind.NatTraversal, false)]
    [InlineData(DatagramEndpointKind.NatTraversal, true)]
    [InlineData(DatagramEndpointKind.Ike, false)]
    public void UdpDatagramMakesARoundTrip(DatagramEndpointKind kind, bool ipv6)
    {
        using var hosts = TwoHosts.Create();
        IPAddress left = TwoHosts.LeftAddress(ipv6);
        IPAddress right = TwoHosts.RightAddress(ipv6);
        int port = kind == DatagramEndpointKind.Ike ? LinuxDatagramBind.IkePort : LinuxDatagramBind.NatTraversalPort;
        using var initiator = hosts.Left.Run(() => LinuxDatagramBind.Open(kind, left));
        using var responder = hosts.Right.Run(() => LinuxDatagramBind.Open(kind, right));
        using var answers = Collector.Of(initiator);
        byte[] request = [0x00, 0x00, 0x00, 0x00, 0x01, 0x02]; // non-ESP marker, then IKE
        var source = new SocketAddress(responder.AddressFamily);
        var buffer = new byte[2048];

        Assert.Equal(DatagramSendStatus.Sent, initiator.Send(request, new IPEndPoint(right, port).Serialize()));
        int length = responder.Receive(buffer, source);
        Assert.Equal(DatagramSendStatus.Sent, responder.Send(buffer.AsSpan(0, length), source));

        Received answer = answers.Next(Patience) ?? throw new TimeoutException("no answer");
        Assert.Equal(request, answer.Data);
        Assert.Equal(new IPEndPoint(right, port), answer.Source);
        Assert.Equal(new IPEndPoint(left, port), (IPEndPoint)new IPEndPoint(left, 0).Create(source));
        Assert.False(responder.ReceiveIncludesIpHeader);
    }

    [Fact]
    public void Ipv4AndIpv6BindsShareAPort()
    {
        using var hosts = TwoHosts.Create();

        using var v4 = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.NatTraversal, IPAddress.Any));
        using var v6 = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.NatTraversal, IPAddress.IPv6Any));

        Assert.Equal(4500, v4.LocalEndPoint.Port);
        Assert.Equal(4500, v6.LocalEndPoint.Port);
    }

    [Fact]
    public void DisposeWakesABlockedReceiver()
    {
        using var hosts = TwoHosts.Create();
        var bind = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.Esp, TwoHosts.LeftV4));
        var receiving = Task.Factory.StartNew(() => bind.Receive(new byte[2048], new SocketAddress(AddressFamily.InterNetwork)), TaskCreationOptions.LongRunning);
        Thread.Sleep(100);

        bind.Dispose();

        var error = Assert.Throws<AggregateException>(() => receiving.Wait(Patience));
        Assert.IsType<ObjectDisposedException>(error.InnerException);
        Assert.Throws<ObjectDisposedException>(() => bind.Send([1], new IPEndPoint(TwoHosts.RightV4, 0).Serialize()));
    }

    [Fact]
    public void OversizeDatagramsAreDiscardedNotTruncated()
    {
        using var hosts = TwoHosts.Create();
        using var receiver = hosts.Right.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.NatTraversal, TwoHosts.RightV4));
        using var sender = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.NatTraversal, TwoHosts.LeftV4));
        var destination = new IPEndPoint(TwoHosts.RightV4, 4500).Serialize();
        sender.Send(new byte[100], destination);
        sender.Send([0xff], destination); // a NAT keepalive

        int length = receiver.Receive(new byte[50], new SocketAddress(AddressFamily.InterNetwork));

        Assert.Equal(1, length);
        Assert.Equal(1, receiver.DiscardedOversizeDatagrams);
    }

    [Fact]
    public void UnroutableDestinationIsAStatusNotAnException()
    {
        using var hosts = TwoHosts.Create();
        using var bind = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.Esp, TwoHosts.LeftV4));

        // The namespace has no default route.
        Assert.Equal(DatagramSendStatus.Unreachable, bind.Send([1, 2, 3, 4], new IPEndPoint(IPAddress.Parse("192.0.2.1"), 0).Serialize()));
    }

    [Fact]
    public void DestinationOfTheOtherFamilyIsRejected()
    {
        using var hosts = TwoHosts.Create();
        using var bind = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.Esp, TwoHosts.LeftV4));

        Assert.Throws<ArgumentException>(() => bind.Send([1], new IPEndPoint(TwoHosts.RightV6, 0).Serialize()));
    }

    [Fact]
    public void FirewallMarkIsSetOnTheSocket()
    {
        using var hosts = TwoHosts.Create();
        using var bind = hosts.Left.Run(() => LinuxDatagramBind.Open(
            DatagramEndpointKind.NatTraversal, TwoHosts.LeftV4, new DatagramBindOptions { FirewallMark = 0x02000000 }));

        // ss shows the socket's fwmark.
        string sockets = hosts.Left.ExecuteChecked("ss", "-u", "-a", "-n", "-e", "sport", "=", ":4500").StandardOutput;
        Assert.Contains("fwmark:0x2000000", sockets, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatagramEndpointKind.Esp, false, 0)]
    [InlineData(DatagramEndpointKind.Esp, true, 0)]
    [InlineData(DatagramEndpointKind.NatTraversal, false, 0)]
    [InlineData(DatagramEndpointKind.NatTraversal, true, 0)]
    // The control: an IKE bind keeps the default and follows the lowered path MTU.
    [InlineData(DatagramEndpointKind.Ike, false, 2)]
    public void EspBindsIgnoreALoweredPathMtu(DatagramEndpointKind kind, bool ipv6, int expectedFragments)
    {
        using var hosts = TwoHosts.Create();
        IPAddress left = TwoHosts.LeftAddress(ipv6);
        IPAddress right = TwoHosts.RightAddress(ipv6);
        // What the host learns after TCP into the TUN device met its MTU: a smaller MTU toward the peer.
        hosts.Left.ExecuteChecked("ip", ipv6 ? "-6" : "-4", "route", "replace", right + (ipv6 ? "/128" : "/32"), "dev", TwoHosts.LeftInterface, "mtu", "1280");
        using var receiver = hosts.Right.Run(() => LinuxDatagramBind.Open(kind, right));
        using var sender = hosts.Left.Run(() => LinuxDatagramBind.Open(kind, left));
        using var collector = Collector.Of(receiver);
        byte[] payload = new byte[1400];
        payload[2] = 0x12; // SPI 0x1234 (ESP), or anything but a non-ESP marker
        payload[3] = 0x34;
        int port = kind switch
        {
            DatagramEndpointKind.NatTraversal => LinuxDatagramBind.NatTraversalPort,
            DatagramEndpointKind.Ike => LinuxDatagramBind.IkePort,
            _ => 0,
        };

        Assert.Equal(DatagramSendStatus.Sent, sender.Send(payload, new IPEndPoint(right, port).Serialize()));

        Received received = collector.Next(Patience) ?? throw new TimeoutException("no datagram arrived");
        Assert.Equal(payload, receiver.ReceiveIncludesIpHeader ? received.Data[20..] : received.Data);
        string counter = ipv6 ? "Ip6FragCreates" : "IpFragCreates";
        string statistics = hosts.Left.ExecuteChecked("nstat", "-a", "-z", counter).StandardOutput;
        Assert.Matches($@"{counter}\s+{expectedFragments}\s", statistics);
    }

    [Theory]
    [InlineData(DatagramEndpointKind.Esp, false)]
    [InlineData(DatagramEndpointKind.Esp, true)]
    [InlineData(DatagramEndpointKind.NatTraversal, false)]
    [InlineData(DatagramEndpointKind.NatTraversal, true)]
    public void BatchOfDatagramsGoesOutInOneCallAndArrivesInOrder(DatagramEndpointKind kind, bool ipv6)
    {
        using var hosts = TwoHosts.Create();
        IPAddress left = TwoHosts.LeftAddress(ipv6);
        IPAddress right = TwoHosts.RightAddress(ipv6);
        int port = kind == DatagramEndpointKind.NatTraversal ? LinuxDatagramBind.NatTraversalPort : 0;
        using var receiver = hosts.Right.Run(() => LinuxDatagramBind.Open(kind, right));
        using var sender = hosts.Left.Run(() => LinuxDatagramBind.Open(kind, left));
        SocketAddress destination = new IPEndPoint(right, port).Serialize();
        var buffers = new byte[5][];
        using var outgoing = new DatagramBatch(5);
        for (int i = 0; i < buffers.Length; i++)
        {
            // SPI 0x1234, sequence i + 1, then filler of a different length each.
            buffers[i] = new byte[64 + (100 * i)];
            buffers[i][2] = 0x12;
            buffers[i][3] = 0x34;
            buffers[i][7] = (byte)(i + 1);
            outgoing.Add(buffers[i], 0, buffers[i].Length - 3, destination);
        }

        Assert.Equal(5, sender.Send(outgoing));

        using var incoming = new DatagramBatch(8);
        for (int i = 0; i < 8; i++)
        {
            incoming.Add(new byte[2048], 16, 2000, new SocketAddress(receiver.AddressFamily, SocketAddress.GetMaximumAddressSize(receiver.AddressFamily)));
        }

        int header = receiver.ReceiveIncludesIpHeader ? 20 : 0;
        int received = 0;
        var deadline = DateTime.UtcNow + Patience;
        while (received < 5 && DateTime.UtcNow < deadline)
        {
            using var taking = new DatagramBatch(8);
            for (int i = received; i < 8; i++)
            {
                taking.Add(incoming.Buffer(i), 16, 2000, incoming.SocketAddressAt(i));
            }

            int count = receiver.Receive(taking);
            Assert.InRange(count, 1, 8 - received);
            for (int i = 0; i < count; i++)
            {
                int sequence = received + i;
                Assert.Equal(buffers[sequence].AsSpan(0, buffers[sequence].Length - 3).ToArray(), taking.Span(i)[header..].ToArray());
                Assert.Equal(left, new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(taking.SocketAddressAt(i)!) is IPEndPoint from ? from.Address : null);
            }

            received += count;
        }

        Assert.Equal(5, received);
    }
}
