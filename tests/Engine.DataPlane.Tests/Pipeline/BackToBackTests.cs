using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Pipeline;

/// <summary>
/// Two data planes wired back to back pass packets both ways: transport and tunnel mode, IPv4 and
/// IPv6, raw and UDP-encapsulated, every transform.
/// </summary>
public sealed class BackToBackTests
{
    private static readonly int[] PayloadSizes = [0, 1, 13, 14, 15, 16, 17, 100, 999, 1000, 1352];

    public static TheoryData<string, IpsecMode, AddressFamily, bool> EspMatrix()
    {
        var data = new TheoryData<string, IpsecMode, AddressFamily, bool>();
        foreach (var transform in new[] { TestTransforms.AesCbc128Sha1, TestTransforms.AesGcm256 })
        {
            foreach (var mode in new[] { IpsecMode.Transport, IpsecMode.Tunnel })
            {
                foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
                {
                    data.Add(transform.Name, mode, family, false);
                    data.Add(transform.Name, mode, family, true);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, IpsecMode, AddressFamily, bool> EveryTransform()
    {
        var data = new TheoryData<string, IpsecMode, AddressFamily, bool>();
        foreach (var transform in TestTransforms.Esp())
        {
            data.Add(transform.Name, IpsecMode.Tunnel, AddressFamily.InterNetwork, false);
            data.Add(transform.Name, IpsecMode.Transport, AddressFamily.InterNetworkV6, true);
        }

        foreach (var transform in TestTransforms.Ah())
        {
            foreach (var mode in new[] { IpsecMode.Transport, IpsecMode.Tunnel })
            {
                data.Add(transform.Name, mode, AddressFamily.InterNetwork, false);
                data.Add(transform.Name, mode, AddressFamily.InterNetworkV6, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EspMatrix))]
    public void Esp_carries_packets_both_ways(string transform, IpsecMode mode, AddressFamily family, bool udp) =>
        CarriesPacketsBothWays(new ScenarioOptions { Transform = TestTransforms.Named(transform) }.With(mode, family, udp));

    [Theory]
    [MemberData(nameof(EveryTransform))]
    public void Every_transform_carries_packets_both_ways(string transform, IpsecMode mode, AddressFamily family, bool udp) =>
        CarriesPacketsBothWays(new ScenarioOptions { Transform = TestTransforms.Named(transform) }.With(mode, family, udp));

    [Theory]
    [InlineData(AddressFamily.InterNetwork, AddressFamily.InterNetworkV6)]
    [InlineData(AddressFamily.InterNetworkV6, AddressFamily.InterNetwork)]
    public void Tunnel_carries_the_other_family_inside(AddressFamily outer, AddressFamily inner) =>
        CarriesPacketsBothWays(new ScenarioOptions { Mode = IpsecMode.Tunnel, OuterFamily = outer, InnerFamily = inner, Transform = TestTransforms.AesGcm128 });

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void Extended_sequence_numbers_work_end_to_end(AddressFamily family)
    {
        foreach (var transform in new[] { TestTransforms.AesCbc256Sha256, TestTransforms.AesGcm128, TestTransforms.AhSha256 })
        {
            CarriesPacketsBothWays(new ScenarioOptions { Transform = transform, ExtendedSequenceNumbers = true }.With(IpsecMode.Tunnel, family, false));
        }
    }

    [Fact]
    public void Extended_sequence_numbers_cross_the_32_bit_boundary()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AesCbc128Sha1, ExtendedSequenceNumbers = true });
        scenario.A.Outbound!.SetLastSequenceNumber(uint.MaxValue - 3);
        for (var i = 0; i < 8; i++)
        {
            scenario.A.Tun.Inject(scenario.A.PacketToPeer(50, (byte)i));
        }

        scenario.Pump();

        Assert.Equal(8, scenario.B.Tun.TakeWritten().Count);
        Assert.Equal(0x1_0000_0004UL, scenario.B.Inbound!.LastSequenceNumber);
        Assert.Equal(0, scenario.B.Statistics.PacketsNotAuthenticated);
    }

    [Fact]
    public void Tcp_in_transport_mode_keeps_its_checksum()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions().With(IpsecMode.Transport, AddressFamily.InterNetwork, false));
        var packet = TestPackets.Tcp(scenario.A.Inner, scenario.A.PeerApplicationAddress, 50000, 80, TestPackets.Payload(333));
        scenario.A.Tun.Inject(packet);
        scenario.Pump();
        PacketAssert.Delivered(packet, scenario.B.Tun.TakeWritten().Single(), tunnel: false);
    }

    [Fact]
    public void Sequence_numbers_start_at_one_and_count_up()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions());
        for (var i = 0; i < 3; i++)
        {
            scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        }

        scenario.Pump();

        var sent = scenario.A.EspBind.Sent.Select(s => BinaryPrimitives.ReadUInt32BigEndian(s.Datagram.AsSpan(4))).ToArray();
        Assert.Equal([1u, 2u, 3u], sent);
        Assert.All(scenario.A.EspBind.Sent, s => Assert.Equal(BackToBack.SpiAToB, BinaryPrimitives.ReadUInt32BigEndian(s.Datagram)));
        Assert.Equal(3UL, scenario.A.Outbound!.LastSequenceNumber);
        Assert.Equal(3UL, scenario.B.Inbound!.LastSequenceNumber);
    }

    [Fact]
    public void Cbc_ivs_are_fresh_per_packet_and_gcm_ivs_are_the_sequence_number()
    {
        using var cbc = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AesCbc128Sha1 });
        using var gcm = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AesGcm128 });
        foreach (var scenario in new[] { cbc, gcm })
        {
            for (var i = 0; i < 4; i++)
            {
                scenario.A.Tun.Inject(scenario.A.PacketToPeer(64));
            }

            scenario.Pump();
        }

        var cbcIvs = cbc.A.EspBind.Sent.Select(s => Hex.String(s.Datagram.AsSpan(8, 16))).ToArray();
        Assert.Equal(cbcIvs.Length, cbcIvs.Distinct().Count());
        var gcmIvs = gcm.A.EspBind.Sent.Select(s => BinaryPrimitives.ReadUInt64BigEndian(s.Datagram.AsSpan(8))).ToArray();
        Assert.Equal([1UL, 2UL, 3UL, 4UL], gcmIvs);
    }

    [Fact]
    public void Counters_add_up_on_both_sides()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions().With(IpsecMode.Tunnel, AddressFamily.InterNetwork, false));
        var packets = Enumerable.Range(0, 5).Select(i => scenario.A.PacketToPeer(100 + i)).ToArray();
        foreach (var packet in packets)
        {
            scenario.A.Tun.Inject(packet);
        }

        scenario.Pump();

        var bytes = packets.Sum(p => p.Length);
        var sent = scenario.A.Statistics;
        var received = scenario.B.Statistics;
        Assert.Equal(5, sent.PacketsSent);
        Assert.Equal(bytes, sent.ConfidentialBytesSent);
        Assert.Equal(bytes, sent.AuthenticatedBytesSent);
        Assert.Equal(bytes, sent.TunnelBytesSent);
        Assert.Equal(0, sent.TransportBytesSent);
        Assert.Equal(5, received.PacketsReceived);
        Assert.Equal(bytes, received.ConfidentialBytesReceived);
        Assert.Equal(bytes, received.TunnelBytesReceived);
        Assert.Equal(5, scenario.A.Outbound!.Counters.Packets);
        Assert.Equal(bytes, scenario.A.Outbound.Counters.Bytes);
        Assert.Equal(5, scenario.B.Inbound!.Counters.Packets);
        Assert.Equal(bytes, scenario.B.Inbound.Counters.Bytes);
        Assert.Equal(2, sent.ActiveSas);
        Assert.Equal(1, sent.ActiveTunnels);
        Assert.Equal(2, sent.SaAdditions);
    }

    [Fact]
    public void Null_encryption_counts_authenticated_but_not_confidential_bytes()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.NullSha1 }.With(IpsecMode.Transport, AddressFamily.InterNetwork, false));
        var packet = scenario.A.PacketToPeer(100);
        scenario.A.Tun.Inject(packet);
        scenario.Pump();

        Assert.Equal(0, scenario.A.Statistics.ConfidentialBytesSent);
        Assert.Equal(108, scenario.A.Statistics.AuthenticatedBytesSent);
        Assert.Equal(108, scenario.A.Statistics.TransportBytesSent);
        Assert.Equal(108, scenario.B.Statistics.AuthenticatedBytesReceived);
    }

    [Fact]
    public void Threads_of_attached_devices_carry_packets()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Threads = true, Transform = TestTransforms.AesGcm128 });
        for (var i = 0; i < 50; i++)
        {
            var toB = scenario.A.PacketToPeer(200 + i, (byte)i);
            scenario.A.Tun.Inject(toB);
            Assert.Equal(Hex.String(toB), Hex.String(scenario.B.Tun.WaitForWritten(TimeSpan.FromSeconds(10))));

            var toA = scenario.B.PacketToPeer(300 + i, (byte)i);
            scenario.B.Tun.Inject(toA);
            Assert.Equal(Hex.String(toA), Hex.String(scenario.A.Tun.WaitForWritten(TimeSpan.FromSeconds(10))));
        }

        Assert.Null(scenario.A.Plane.LastInternalError);
        Assert.Null(scenario.B.Plane.LastInternalError);
    }

    private static void CarriesPacketsBothWays(ScenarioOptions options)
    {
        using var scenario = BackToBack.Create(options);
        var tunnel = options.Mode == IpsecMode.Tunnel;
        foreach (var (from, to) in new[] { (scenario.A, scenario.B), (scenario.B, scenario.A) })
        {
            var headerRoom = PacketAssert.Family(from.PacketToPeer(0)) == AddressFamily.InterNetwork ? 28 : 48;
            var packets = PayloadSizes.Select((size, i) => from.PacketToPeer(Math.Min(size, 1400 - headerRoom), (byte)i)).ToArray();
            foreach (var packet in packets)
            {
                from.Tun.Inject(packet);
            }

            scenario.Pump();

            var delivered = to.Tun.TakeWritten();
            Assert.Equal(packets.Length, delivered.Count);
            var nattedSource = options.NatInFrontOfA && !tunnel && from == scenario.A ? to.PeerApplicationAddress : null;
            for (var i = 0; i < packets.Length; i++)
            {
                PacketAssert.Delivered(packets[i], delivered[i], tunnel, nattedSource);
            }

            var statistics = to.Statistics;
            Assert.Equal(packets.Length, statistics.PacketsReceived);
            Assert.Equal(0, statistics.PacketsNotAuthenticated + statistics.PacketsNotDecrypted + statistics.BadSpiPackets + statistics.PolicyMismatchDrops);
        }

        Assert.Null(scenario.A.Plane.LastInternalError);
        Assert.Null(scenario.B.Plane.LastInternalError);
    }
}
