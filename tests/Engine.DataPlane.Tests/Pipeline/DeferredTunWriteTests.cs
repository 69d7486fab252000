using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Pipeline;

/// <summary>
/// The inbound loop writes decrypted packets through its device's <see cref="ITunPacketWriter"/>
/// and flushes it once per receive, before its buffers are received into again; packets the flush
/// reports refused move from the received count to the TUN write failures.
/// </summary>
public sealed class DeferredTunWriteTests
{
    private const int BatchSize = 16;

    [Theory]
    [InlineData(AddressFamily.InterNetwork, false)]
    [InlineData(AddressFamily.InterNetworkV6, true)]
    public void Every_receive_is_flushed_in_order_before_the_next(AddressFamily family, bool udp)
    {
        using var wire = Wire.Create(family, udp);

        for (var round = 1; round <= 3; round++)
        {
            wire.Sender.ProcessNext();
            wire.Receiver.ProcessNext();

            Assert.Equal(0, wire.TunB.Held);
            Assert.Equal(round, wire.TunB.Flushes);
            Assert.Equal(round * BatchSize, wire.TunB.Writes);
            // Transport mode rebuilds the IP header; the rest is the packet as sent.
            var header = family == AddressFamily.InterNetwork ? 20 : 40;
            Assert.Equal(wire.Packet.AsSpan(header).ToArray(), wire.TunB.LastWritten[header..].ToArray());
        }

        var statistics = wire.B.GetStatistics();
        Assert.Equal(3 * BatchSize, statistics.PacketsReceived);
        Assert.Equal(0, statistics.TunWriteFailures);
    }

    [Fact]
    public void Packets_a_flush_refuses_are_counted_as_failures_not_as_received()
    {
        using var wire = Wire.Create(AddressFamily.InterNetwork, udp: false);
        wire.Sender.ProcessNext();
        wire.Receiver.ProcessNext();
        wire.TunB.RefuseHeld = true;

        wire.Sender.ProcessNext();
        wire.Receiver.ProcessNext();

        var statistics = wire.B.GetStatistics();
        Assert.Equal(BatchSize, statistics.PacketsReceived);
        Assert.Equal(BatchSize, statistics.TunWriteFailures);
        Assert.Equal(BatchSize, wire.TunB.Writes);
    }

    private sealed class Wire : System.IDisposable
    {
        private Wire(IpsecDataPlane a, IpsecDataPlane b, OutboundPacketLoop sender, InboundPacketLoop receiver, ReplayingTunDevice tunB, byte[] packet)
        {
            A = a;
            B = b;
            Sender = sender;
            Receiver = receiver;
            TunB = tunB;
            Packet = packet;
        }

        public IpsecDataPlane A { get; }

        public IpsecDataPlane B { get; }

        public OutboundPacketLoop Sender { get; }

        public InboundPacketLoop Receiver { get; }

        public ReplayingTunDevice TunB { get; }

        public byte[] Packet { get; }

        public static Wire Create(AddressFamily family, bool udp)
        {
            var transform = TestTransforms.AesGcm128;
            var v4 = family == AddressFamily.InterNetwork;
            var outerA = IPAddress.Parse(v4 ? "192.0.2.1" : "2001:db8::1");
            var outerB = IPAddress.Parse(v4 ? "192.0.2.2" : "2001:db8::2");
            var a = new IpsecDataPlane();
            var b = new IpsecDataPlane();
            var (bindA, bindB) = SlotWire.Pair(udp ? DatagramEndpointKind.NatTraversal : DatagramEndpointKind.Esp, outerA, outerB, BatchSize);
            var packet = TestPackets.Udp(outerA, outerB, 40000, 9, TestPackets.Payload(600));
            var tunB = new ReplayingTunDevice(packet, BatchSize) { HoldWrites = true };
            var sender = a.CreateOutboundLoop(new ReplayingTunDevice(packet, BatchSize));
            var receiver = b.CreateInboundLoop(bindB);
            a.CreateInboundLoop(bindA).Dispose();
            b.CreateOutboundLoop(tunB).Dispose();

            var selector = TrafficSelector.Between(AddressRange.Host(outerA), AddressRange.Host(outerB));
            var key = RandomNumberGenerator.GetBytes(transform.EncryptionKeySize);
            a.AddPolicy(new SpdEntry { Id = 1, ReqId = 1, Selector = selector });
            a.AddSa(Specification(transform, udp, SaDirection.Outbound, outerA, outerB, key, selector));
            b.AddSa(Specification(transform, udp, SaDirection.Inbound, outerB, outerA, key,
                TrafficSelector.Between(selector.RemoteAddresses, selector.LocalAddresses)));
            return new Wire(a, b, sender, receiver, tunB, packet);
        }

        public void Dispose()
        {
            Sender.Dispose();
            Receiver.Dispose();
            A.Dispose();
            B.Dispose();
        }

        private static SaSpecification Specification(TestTransform transform, bool udp, SaDirection direction, IPAddress local, IPAddress peer,
            byte[] key, TrafficSelector selector) => new()
        {
            Spi = 0x5151,
            Direction = direction,
            Protocol = transform.Protocol,
            Mode = IpsecMode.Transport,
            LocalAddress = local,
            PeerAddress = peer,
            Encapsulation = udp ? SaEncapsulation.Udp : SaEncapsulation.None,
            Aead = transform.Aead,
            EncryptionKey = key,
            IntegrityKey = System.Array.Empty<byte>(),
            Selector = selector,
            ReqId = 1,
        };
    }
}
