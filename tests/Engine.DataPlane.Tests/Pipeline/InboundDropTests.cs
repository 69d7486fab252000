using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Pipeline;

/// <summary>
/// Whatever arrives, the inbound path counts and drops what is not authentic, new and well-formed,
/// and never throws: replays, every single-byte change, unknown SPIs, truncations, garbage.
/// </summary>
public sealed class InboundDropTests
{
    public static TheoryData<string, bool> TamperCases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var transform in new[] { TestTransforms.AesCbc128Sha1, TestTransforms.AesGcm128, TestTransforms.NullSha256, TestTransforms.AhSha1 })
        {
            data.Add(transform.Name, false);
        }

        data.Add(TestTransforms.AesCbc256Sha256.Name, true);
        return data;
    }

    [Fact]
    public void A_replayed_packet_is_counted_and_dropped()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions());
        var captured = Captured.On(scenario.Network);
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(100));
        scenario.Pump();
        var datagram = captured.Datagrams.Single();

        DeliverToB(scenario, datagram);
        DeliverToB(scenario, datagram);
        DeliverToB(scenario, datagram);

        Assert.Single(scenario.B.Tun.TakeWritten());
        Assert.Equal(2, scenario.B.Statistics.PacketsWithReplayDetected);
        Assert.Equal(2, scenario.B.Inbound!.Counters.ReplayDrops);
    }

    [Fact]
    public void Packets_out_of_order_within_the_window_are_accepted_and_too_old_ones_are_not()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { ReplayWindowSize = 32 });
        var captured = Captured.On(scenario.Network);
        for (var i = 0; i < 40; i++)
        {
            scenario.A.Tun.Inject(scenario.A.PacketToPeer(20, (byte)i));
        }

        scenario.Pump();
        var datagrams = captured.Datagrams;
        DeliverToB(scenario, datagrams[39]);
        for (var i = 38; i >= 0; i--)
        {
            DeliverToB(scenario, datagrams[i]);
        }

        // Sequence 40 arrived first; 9..39 are inside a 32-packet window, 1..8 are too old.
        Assert.Equal(32, scenario.B.Tun.TakeWritten().Count);
        Assert.Equal(8, scenario.B.Statistics.PacketsWithReplayDetected);
    }

    [Theory]
    [MemberData(nameof(TamperCases))]
    public void Every_single_byte_change_is_rejected_and_counted(string transform, bool udp)
    {
        var family = transform.StartsWith("ah", StringComparison.Ordinal) ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.Named(transform) }.With(IpsecMode.Tunnel, family, udp));
        var captured = Captured.On(scenario.Network);
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(61));
        scenario.Pump();
        var original = captured.Datagrams.Single();

        for (var position = 0; position < original.Length; position++)
        {
            var tampered = (byte[])original.Clone();
            tampered[position] ^= 0x01;
            DeliverToB(scenario, tampered);
        }

        Assert.Empty(scenario.B.Tun.TakeWritten());
        var statistics = scenario.B.Statistics;
        // Flipping the low bit of sequence number 1 makes it 0, which the window refuses as a replay.
        Assert.Equal(original.Length, statistics.PacketsNotAuthenticated + statistics.BadSpiPackets + statistics.MalformedPackets
            + statistics.PacketsNotDecrypted + statistics.PacketsWithReplayDetected);
        Assert.Equal(1, statistics.PacketsWithReplayDetected);
        Assert.Equal(4, statistics.BadSpiPackets);
        Assert.True(scenario.B.Inbound!.Counters.AuthenticationFailures >= original.Length - 8);
        Assert.Null(scenario.B.Plane.LastInternalError);

        // The untouched packet still opens afterwards: nothing above moved the window.
        DeliverToB(scenario, original);
        Assert.Single(scenario.B.Tun.TakeWritten());
    }

    [Fact]
    public void An_unknown_spi_is_counted_as_bad_spi()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions());
        var captured = Captured.On(scenario.Network);
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(40));
        scenario.Pump();
        var datagram = captured.Datagrams.Single();
        BinaryPrimitives.WriteUInt32BigEndian(datagram, 0xDEAD_BEEF);

        DeliverToB(scenario, datagram);

        Assert.Equal(1, scenario.B.Statistics.BadSpiPackets);
        Assert.Empty(scenario.B.Tun.TakeWritten());
    }

    [Fact]
    public void Esp_of_a_raw_sa_arriving_on_udp_4500_is_refused()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions());
        var captured = Captured.On(scenario.Network);
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(40));
        scenario.Pump();

        scenario.B.UdpBind.Deliver(captured.Datagrams.Single(), new IPEndPoint(scenario.A.Outer, 4500));
        scenario.Pump();

        Assert.Equal(1, scenario.B.Statistics.BadSpiPackets);
        Assert.Empty(scenario.B.Tun.TakeWritten());
    }

    [Theory]
    [InlineData("aes-cbc-128/sha1", false)]
    [InlineData("aes-gcm-16-128", true)]
    [InlineData("ah/sha256", false)]
    public void Every_truncation_is_dropped_without_an_exception(string transform, bool udp)
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.Named(transform) }.With(IpsecMode.Transport, AddressFamily.InterNetwork, udp));
        var captured = Captured.On(scenario.Network);
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(77));
        scenario.Pump();
        var original = captured.Datagrams.Single();

        for (var length = 0; length < original.Length; length++)
        {
            DeliverToB(scenario, original[..length]);
        }

        Assert.Empty(scenario.B.Tun.TakeWritten());
        Assert.Null(scenario.B.Plane.LastInternalError);
        var statistics = scenario.B.Statistics;
        Assert.Equal(original.Length, statistics.MalformedPackets + statistics.PacketsNotDecrypted + statistics.PacketsNotAuthenticated
            + statistics.BadSpiPackets + statistics.NatKeepalivesReceived + statistics.IkeDatagramsReceived);
    }

    [Fact]
    public void Random_garbage_on_every_bind_never_throws()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions().With(IpsecMode.Tunnel, AddressFamily.InterNetwork, false));
        var random = new Random(4303);
        var source = new IPEndPoint(scenario.A.Outer, 4500);
        for (var i = 0; i < 3000; i++)
        {
            var datagram = new byte[random.Next(0, 200)];
            random.NextBytes(datagram);
            if (datagram.Length >= 4 && i % 3 == 0)
            {
                // Point some at the real SPI so they reach the cryptography.
                BinaryPrimitives.WriteUInt32BigEndian(datagram, BackToBack.SpiAToB);
            }

            scenario.B.UdpBind.Deliver(datagram, source);
            scenario.B.EspBind.Deliver(WithIpv4Header(scenario, datagram, 50), source);
            scenario.B.AhBind.Deliver(WithIpv4Header(scenario, datagram, 51), source);
            scenario.B.EspBind.Deliver(datagram, source);
        }

        scenario.Pump();

        Assert.Empty(scenario.B.Tun.TakeWritten());
        Assert.Null(scenario.B.Plane.LastInternalError);
        Assert.Equal(0, scenario.B.Statistics.InternalErrors);
    }

    [Fact]
    public void Bad_padding_after_authentication_is_counted_as_not_decrypted()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AesCbc128Sha1 });
        var inner = scenario.A.PacketToPeer(30);
        var plaintext = EspForger.WithTrailer(inner, 4);
        plaintext[inner.Length] = 9;

        DeliverToB(scenario, EspForger.Seal(scenario.Options.Transform, scenario.KeysAToB, BackToBack.SpiAToB, 1, plaintext));

        Assert.Empty(scenario.B.Tun.TakeWritten());
        Assert.Equal(1, scenario.B.Statistics.PacketsNotDecrypted);
        Assert.Equal(1, scenario.B.Inbound!.Counters.PaddingErrors);
    }

    [Fact]
    public void A_pad_length_longer_than_the_payload_is_a_padding_error()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AesCbc128Sha1 });
        var plaintext = EspForger.WithTrailer([1, 2, 3], 4);
        plaintext[^2] = 200;

        DeliverToB(scenario, EspForger.Seal(scenario.Options.Transform, scenario.KeysAToB, BackToBack.SpiAToB, 1, plaintext));

        Assert.Equal(1, scenario.B.Inbound!.Counters.PaddingErrors);
    }

    [Fact]
    public void A_dummy_packet_is_discarded_quietly()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AesCbc128Sha1 });
        DeliverToB(scenario, EspForger.Seal(scenario.Options.Transform, scenario.KeysAToB, BackToBack.SpiAToB, 1, EspForger.WithTrailer(new byte[40], 59)));

        Assert.Empty(scenario.B.Tun.TakeWritten());
        Assert.Equal(1, scenario.B.Statistics.DummyPacketsReceived);
    }

    [Theory]
    [InlineData("inner packet outside the selectors", "10.3.0.1")]
    [InlineData("inner packet of the wrong version", "v6")]
    [InlineData("inner packet that is not IP", "junk")]
    [InlineData("inner IPv4 header with a bad checksum", "checksum")]
    public void An_authentic_packet_with_a_bad_inner_packet_is_a_policy_mismatch(string name, string kind)
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AesCbc128Sha1 });
        byte[] inner = kind switch
        {
            "v6" => TestPackets.Udp(IPAddress.Parse("fd00:1::10"), IPAddress.Parse("fd00:2::20"), 1, 2, [1, 2, 3]),
            "junk" => TestPackets.Payload(48),
            _ => TestPackets.Udp(scenario.A.Inner, IPAddress.Parse(kind == "checksum" ? "10.2.0.20" : kind), 1, 2, [1, 2, 3]),
        };
        if (kind == "checksum")
        {
            inner[10] ^= 0xFF;
        }

        DeliverToB(scenario, EspForger.Seal(scenario.Options.Transform, scenario.KeysAToB, BackToBack.SpiAToB, 1, EspForger.WithTrailer(inner, 4)));

        Assert.Empty(scenario.B.Tun.TakeWritten());
        Assert.Equal(1, scenario.B.Statistics.PolicyMismatchDrops);
        Assert.Equal(1, scenario.B.Inbound!.Counters.PolicyMismatches);
        _ = name;
    }

    [Fact]
    public void Transport_mode_checks_protocol_and_ports_against_the_selector()
    {
        var options = new ScenarioOptions().With(IpsecMode.Transport, AddressFamily.InterNetwork, false);
        using var scenario = BackToBack.Create(options with { InstallSas = false });
        var narrow = scenario.SpecBInbound.Selector! with { Protocol = 17, LocalPorts = Engine.DataPlane.Spd.PortRange.Single(9) };
        scenario.B.Plane.AddSa(new SaSpecification
        {
            Spi = scenario.SpecBInbound.Spi, Direction = SaDirection.Inbound, Mode = IpsecMode.Transport,
            LocalAddress = scenario.SpecBInbound.LocalAddress, PeerAddress = scenario.SpecBInbound.PeerAddress,
            Cipher = scenario.SpecBInbound.Cipher, Integrity = scenario.SpecBInbound.Integrity,
            EncryptionKey = scenario.SpecBInbound.EncryptionKey, IntegrityKey = scenario.SpecBInbound.IntegrityKey, Selector = narrow,
        });
        scenario.A.Outbound = scenario.A.Plane.AddSa(scenario.SpecAOutbound);

        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10, destinationPort: 9));
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10, destinationPort: 10));
        scenario.A.Tun.Inject(TestPackets.Tcp(scenario.A.Inner, scenario.A.PeerApplicationAddress, 1000, 9, [1]));
        scenario.Pump();

        Assert.Single(scenario.B.Tun.TakeWritten());
        Assert.Equal(2, scenario.B.Statistics.PolicyMismatchDrops);
    }

    [Fact]
    public void A_refused_tun_write_is_counted()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions());
        scenario.B.Tun.AcceptWrites = false;
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();
        Assert.Equal(1, scenario.B.Statistics.TunWriteFailures);
    }

    private static void DeliverToB(BackToBack scenario, byte[] datagram)
    {
        var source = new IPEndPoint(scenario.A.Outer, scenario.Options.UdpEncapsulation ? 4500 : 0);
        if (scenario.Options.UdpEncapsulation)
        {
            scenario.B.UdpBind.Deliver(datagram, source);
        }
        else
        {
            var bind = scenario.Options.Transform.Protocol == IpsecProtocol.Ah ? scenario.B.AhBind : scenario.B.EspBind;
            bind.Deliver(bind.ReceiveIncludesIpHeader ? WithIpv4Header(scenario, datagram, (byte)scenario.Options.Transform.Protocol) : datagram, source);
        }

        scenario.Pump();
    }

    private static byte[] WithIpv4Header(BackToBack scenario, byte[] datagram, byte protocol)
    {
        var packet = new byte[20 + datagram.Length];
        OuterHeaders.WriteIp(packet, scenario.A.Outer, scenario.B.Outer, protocol, datagram.Length);
        datagram.CopyTo(packet, 20);
        return packet;
    }
}
