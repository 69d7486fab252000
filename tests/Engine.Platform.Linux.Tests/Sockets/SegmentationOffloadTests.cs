using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Abstractions;
using Engine.Platform.Linux.Sockets;
using Engine.Platform.Linux.Tests.Infrastructure;

namespace Engine.Platform.Linux.Tests.Sockets;

/// <summary>
/// A NAT-T bind sends runs of equal-size datagrams to one destination as one UDP_SEGMENT message;
/// across a veth the receivers get the very datagrams of the batch, in order, each to its destination.
/// </summary>
public sealed class SegmentationOffloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RunsOfEqualDatagramsLeaveSegmentedAndArriveAsTheyWere(bool ipv6)
    {
        using var hosts = TwoHosts.Create();
        IPAddress left = TwoHosts.LeftAddress(ipv6);
        IPAddress right = TwoHosts.RightAddress(ipv6);
        using var receiver = hosts.Right.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.NatTraversal, right));
        using var other = hosts.Right.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.NatTraversal, right, new DatagramBindOptions { Port = 4600 }));
        using var sender = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.NatTraversal, left));
        Assert.True(sender.UsesSegmentationOffload);
        using var main = Collector.Of(receiver);
        using var side = Collector.Of(other);
        SocketAddress toMain = new IPEndPoint(right, LinuxDatagramBind.NatTraversalPort).Serialize();
        SocketAddress toSide = new IPEndPoint(right, 4600).Serialize();

        // Six of 1,000 bytes and a shorter one (one message), two to the other port (another
        // message), two of 1,000 to the first again (a third), one larger (alone).
        var plan = new List<(int Length, SocketAddress Destination, Collector Collector)>();
        for (int i = 0; i < 6; i++)
        {
            plan.Add((1000, toMain, main));
        }

        plan.Add((500, toMain, main));
        plan.Add((1000, toSide, side));
        plan.Add((1000, toSide, side));
        plan.Add((1000, toMain, main));
        plan.Add((1000, toMain, main));
        plan.Add((1200, toMain, main));
        using var batch = new DatagramBatch(plan.Count);
        var sent = new byte[plan.Count][];
        for (int i = 0; i < plan.Count; i++)
        {
            // Not an IKE marker: SPI 0x1234, sequence number i + 1, then a filler that differs per datagram.
            var buffer = new byte[plan[i].Length + 32];
            for (int j = 16; j < buffer.Length; j++)
            {
                buffer[j] = (byte)((i * 17) + j);
            }

            buffer[16 + 2] = 0x12;
            buffer[16 + 3] = 0x34;
            buffer[16 + 7] = (byte)(i + 1);
            sent[i] = buffer.AsSpan(16, plan[i].Length).ToArray();
            batch.Add(buffer, 16, plan[i].Length, plan[i].Destination);
        }

        Assert.Equal(plan.Count, sender.Send(batch));
        Assert.Equal(3, sender.SegmentedSends);
        Assert.True(sender.UsesSegmentationOffload);

        for (int i = 0; i < plan.Count; i++)
        {
            Received received = plan[i].Collector.Next(Patience) ?? throw new TimeoutException($"datagram {i} never arrived");
            Assert.Equal(sent[i], received.Data);
        }

        Assert.Null(main.Next(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void RawEspBindsSendDatagramByDatagram()
    {
        using var hosts = TwoHosts.Create();
        using var sender = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.Esp, TwoHosts.LeftV4));
        Assert.False(sender.UsesSegmentationOffload);
    }
}
