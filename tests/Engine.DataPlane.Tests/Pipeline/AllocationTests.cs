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
/// The steady state allocates nothing: after warm-up, many packets through seal, send, receive and
/// open on the test thread (the loops driven directly) add less than one byte per packet (in practice
/// zero) to <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// </summary>
public sealed class AllocationTests
{
    private const int WarmUp = 2_000;
    private const int Measured = 20_000;

    public static TheoryData<string, IpsecMode, AddressFamily, bool> Cases()
    {
        var data = new TheoryData<string, IpsecMode, AddressFamily, bool>();
        foreach (var transform in TestTransforms.All())
        {
            data.Add(transform.Name, IpsecMode.Tunnel, AddressFamily.InterNetwork, false);
        }

        data.Add(TestTransforms.AesGcm128.Name, IpsecMode.Transport, AddressFamily.InterNetworkV6, true);
        data.Add(TestTransforms.AesCbc128Sha1.Name, IpsecMode.Transport, AddressFamily.InterNetwork, true);
        data.Add(TestTransforms.AesCbc256Sha256.Name, IpsecMode.Tunnel, AddressFamily.InterNetworkV6, false);
        data.Add(TestTransforms.AhSha256.Name, IpsecMode.Transport, AddressFamily.InterNetworkV6, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Seal_send_receive_open_allocates_nothing_per_packet(string transformName, IpsecMode mode, AddressFamily family, bool udp) =>
        Measure(transformName, mode, family, udp, batchSize: 1);

    /// <summary>
    /// The batched path: a TUN read of 16 packets, one batch send, a batch receive; with
    /// <paramref name="holdWrites"/>, the receiving device's writer holds the decrypted packets until
    /// the loop flushes it after the batch (as a coalescing device's does).
    /// </summary>
    [Theory]
    [InlineData("aes-gcm-16-256", IpsecMode.Transport, AddressFamily.InterNetwork, false, false)]
    [InlineData("aes-gcm-16-256", IpsecMode.Transport, AddressFamily.InterNetwork, false, true)]
    [InlineData("aes-gcm-16-128", IpsecMode.Tunnel, AddressFamily.InterNetworkV6, true, true)]
    [InlineData("aes-cbc-128/sha1", IpsecMode.Transport, AddressFamily.InterNetwork, true, false)]
    public void Batched_seal_send_receive_open_allocates_nothing_per_packet(string transformName, IpsecMode mode, AddressFamily family, bool udp,
        bool holdWrites) =>
        Measure(transformName, mode, family, udp, batchSize: 16, holdWrites);

    private static void Measure(string transformName, IpsecMode mode, AddressFamily family, bool udp, int batchSize, bool holdWrites = false)
    {
        var transform = TestTransforms.Named(transformName);
        var v4 = family == AddressFamily.InterNetwork;
        var outerA = IPAddress.Parse(v4 ? "192.0.2.1" : "2001:db8::1");
        var outerB = IPAddress.Parse(v4 ? "192.0.2.2" : "2001:db8::2");
        var innerA = mode == IpsecMode.Tunnel ? IPAddress.Parse(v4 ? "10.1.0.10" : "fd00:1::10") : outerA;
        var innerB = mode == IpsecMode.Tunnel ? IPAddress.Parse(v4 ? "10.2.0.20" : "fd00:2::20") : outerB;
        var kind = transform.Protocol == IpsecProtocol.Ah ? DatagramEndpointKind.Ah : udp ? DatagramEndpointKind.NatTraversal : DatagramEndpointKind.Esp;

        using var a = new IpsecDataPlane();
        using var b = new IpsecDataPlane();
        var (bindA, bindB) = SlotWire.Pair(kind, outerA, outerB, batchSize);
        var packet = TestPackets.Udp(innerA, innerB, 40000, 9, TestPackets.Payload(v4 ? 1372 : 1352));
        var tunA = new ReplayingTunDevice(packet, batchSize);
        var tunB = new ReplayingTunDevice(packet, batchSize) { HoldWrites = holdWrites };
        using var sender = a.CreateOutboundLoop(tunA);
        using var receiver = b.CreateInboundLoop(bindB);
        a.CreateInboundLoop(bindA).Dispose();
        b.CreateOutboundLoop(tunB).Dispose();

        var selector = TrafficSelector.Between(AddressRange.Host(innerA), AddressRange.Host(innerB));
        var keys = (RandomNumberGenerator.GetBytes(transform.EncryptionKeySize), RandomNumberGenerator.GetBytes(transform.IntegrityKeySize));
        a.AddPolicy(new SpdEntry { Id = 1, ReqId = 1, Selector = selector });
        a.AddSa(Specification(transform, mode, udp, SaDirection.Outbound, outerA, outerB, keys, selector));
        var inbound = b.AddSa(Specification(transform, mode, udp, SaDirection.Inbound, outerB, outerA,
            keys, TrafficSelector.Between(selector.RemoteAddresses, selector.LocalAddresses)));

        for (var i = 0; i < WarmUp / batchSize; i++)
        {
            sender.ProcessNext();
            receiver.ProcessNext();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Measured / batchSize; i++)
        {
            sender.ProcessNext();
            receiver.ProcessNext();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(WarmUp + Measured, tunB.Writes);
        Assert.Equal(WarmUp + Measured, inbound.Counters.Packets);
        // Any per-packet allocation costs at least 24 bytes a packet. A one-off of a few hundred
        // bytes over the whole run (tiered JIT swapping in optimised code, seen once under CI load)
        // is not per packet, so the bound is under one byte per packet rather than exactly zero.
        Assert.True(allocated < Measured, $"{allocated} bytes over {Measured} packets: something allocates per packet");
        Assert.Equal(packet.Length, tunB.LastWrittenLength);
        // Held packets are intact when the flush writes them (from the upper layer on: transport mode rebuilds the IP header).
        Assert.Equal(packet.AsSpan(v4 ? 20 : 40).ToArray(), tunB.LastWritten[(v4 ? 20 : 40)..].ToArray());
        Assert.Equal(0, tunB.Held);
        Assert.Equal(holdWrites ? (WarmUp + Measured) / batchSize : 0, tunB.Flushes);
    }

    private static SaSpecification Specification(TestTransform transform, IpsecMode mode, bool udp, SaDirection direction, IPAddress local,
        IPAddress peer, (byte[] Encryption, byte[] Integrity) keys, TrafficSelector selector) => new()
    {
        Spi = 0x4242,
        Direction = direction,
        Protocol = transform.Protocol,
        Mode = mode,
        LocalAddress = local,
        PeerAddress = peer,
        Encapsulation = udp ? SaEncapsulation.Udp : SaEncapsulation.None,
        Cipher = transform.Cipher,
        Aead = transform.Aead,
        Integrity = transform.Integrity,
        EncryptionKey = keys.Encryption,
        IntegrityKey = keys.Integrity,
        Selector = selector,
        ReqId = 1,
    };
}
