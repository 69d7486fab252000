using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Throughput;

/// <summary>
/// Measures, per transform, packets per second through the data plane in memory at one packet
/// size (1400 bytes by default, an IPv4 UDP packet of that total length): seal only (outbound
/// loop into a discarding bind), and seal + open (outbound loop of one data plane into the inbound
/// loop of another, both on this thread). Reports Gbit/s of inner packets and bytes allocated per
/// packet after warm-up. Usage: [packet size] [seconds per measurement].
/// </summary>
internal static class Program
{
    private static readonly (string Name, IpsecProtocol Protocol, CipherAlgorithm? Cipher, AeadAlgorithm? Aead, IntegrityAlgorithm? Integrity)[] Transforms =
    [
        ("AES-GCM-16-128", IpsecProtocol.Esp, null, AeadAlgorithms.AesGcm16Key128, null),
        ("AES-GCM-16-256", IpsecProtocol.Esp, null, AeadAlgorithms.AesGcm16Key256, null),
        ("AES-CBC-128/HMAC-SHA1-96", IpsecProtocol.Esp, CipherAlgorithms.AesCbc128, null, IntegrityAlgorithms.HmacSha1Icv96),
        ("AES-CBC-128/HMAC-SHA-256-128", IpsecProtocol.Esp, CipherAlgorithms.AesCbc128, null, IntegrityAlgorithms.HmacSha256Icv128),
        ("AES-CBC-256/HMAC-SHA-256-128", IpsecProtocol.Esp, CipherAlgorithms.AesCbc256, null, IntegrityAlgorithms.HmacSha256Icv128),
        ("3DES/HMAC-SHA1-96", IpsecProtocol.Esp, CipherAlgorithms.TripleDesCbc, null, IntegrityAlgorithms.HmacSha1Icv96),
        ("NULL/HMAC-SHA1-96", IpsecProtocol.Esp, CipherAlgorithms.Null, null, IntegrityAlgorithms.HmacSha1Icv96),
        ("AH HMAC-SHA1-96", IpsecProtocol.Ah, null, null, IntegrityAlgorithms.HmacSha1Icv96),
        ("AH HMAC-SHA-256-128", IpsecProtocol.Ah, null, null, IntegrityAlgorithms.HmacSha256Icv128),
    ];

    public static int Main(string[] arguments)
    {
        var packetSize = arguments.Length > 0 ? int.Parse(arguments[0]) : 1400;
        var seconds = arguments.Length > 1 ? double.Parse(arguments[1]) : 2.0;
        Console.WriteLine($"Engine.DataPlane in memory, tunnel mode IPv4, {packetSize}-byte packets, {Environment.ProcessorCount} cores, {RuntimeInformationText()}");
        Console.WriteLine($"{"transform",-30} {"crypto kpps",12} {"seal kpps",10} {"seal Gbit/s",12} {"seal+open kpps",15} {"seal+open Gbit/s",17} {"B/packet",9}");
        foreach (var transform in Transforms)
        {
            foreach (var udp in transform.Protocol == IpsecProtocol.Esp ? new[] { false, true } : [false])
            {
                var name = transform.Name + (udp ? " UDP" : string.Empty);
                var crypto = CryptoOnly(transform, packetSize, seconds);
                var seal = Measure(transform, udp, packetSize, seconds, open: false);
                var both = Measure(transform, udp, packetSize, seconds, open: true);
                Console.WriteLine($"{name,-30} {crypto / 1000,12:F0} {seal.PacketsPerSecond / 1000,10:F0} {seal.Gbits,12:F2} {both.PacketsPerSecond / 1000,15:F0} {both.Gbits,17:F2} {Math.Max(seal.BytesPerPacket, both.BytesPerPacket),9:F3}");
            }
        }

        SaMemory.Report(10_000);
        return 0;
    }

    /// <summary>The transform alone on a packet-sized buffer (encrypt and ICV, as sealing does): the floor under the pipeline.</summary>
    private static double CryptoOnly(
        (string Name, IpsecProtocol Protocol, CipherAlgorithm? Cipher, AeadAlgorithm? Aead, IntegrityAlgorithm? Integrity) transform,
        int packetSize, double seconds)
    {
        using var cipher = transform.Cipher?.Create(new byte[transform.Cipher.KeySize]);
        using var aead = transform.Aead?.Create(new byte[transform.Aead.KeyMaterialSize]);
        using var integrity = transform.Integrity?.Create(new byte[transform.Integrity.KeySize]);
        var data = new byte[(packetSize + 2 + 15) / 16 * 16];
        var iv = new byte[cipher?.IvSize ?? 8];
        var icv = new byte[64];
        var aad = new byte[8];
        void Step()
        {
            if (aead is not null)
            {
                aead.Seal(aad, iv, data, icv.AsSpan(0, aead.IcvSize));
                return;
            }

            cipher?.Encrypt(iv, data);
            integrity?.Compute(data, icv.AsSpan(0, integrity.IcvSize));
        }

        for (var i = 0; i < 20_000; i++)
        {
            Step();
        }

        var stopwatch = Stopwatch.StartNew();
        long operations = 0;
        while (stopwatch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1000; i++)
            {
                Step();
            }

            operations += 1000;
        }

        return operations / stopwatch.Elapsed.TotalSeconds;
    }

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static (double PacketsPerSecond, double Gbits, double BytesPerPacket) Measure(
        (string Name, IpsecProtocol Protocol, CipherAlgorithm? Cipher, AeadAlgorithm? Aead, IntegrityAlgorithm? Integrity) transform,
        bool udp, int packetSize, double seconds, bool open)
    {
        var outerA = IPAddress.Parse("192.0.2.1");
        var outerB = IPAddress.Parse("192.0.2.2");
        var innerA = IPAddress.Parse("10.1.0.10");
        var innerB = IPAddress.Parse("10.2.0.20");
        var kind = transform.Protocol == IpsecProtocol.Ah ? DatagramEndpointKind.Ah : udp ? DatagramEndpointKind.NatTraversal : DatagramEndpointKind.Esp;
        var bindA = new WireBind(kind, new IPEndPoint(outerA, udp ? 4500 : 0));
        var bindB = new WireBind(kind, new IPEndPoint(outerB, udp ? 4500 : 0));
        if (open)
        {
            bindA.Peer = bindB;
            bindB.Peer = bindA;
        }

        using var a = new IpsecDataPlane();
        using var b = new IpsecDataPlane();
        var tunA = new RepeatingTunDevice(UdpPacket(innerA, innerB, packetSize));
        var tunB = new RepeatingTunDevice([]);
        using var sender = a.CreateOutboundLoop(tunA);
        a.CreateInboundLoop(bindA).Dispose();
        using var receiver = b.CreateInboundLoop(bindB);
        b.CreateOutboundLoop(tunB).Dispose();

        var selector = TrafficSelector.Between(AddressRange.Host(innerA), AddressRange.Host(innerB));
        var encryptionKey = RandomNumberGenerator.GetBytes(transform.Aead?.KeyMaterialSize ?? transform.Cipher?.KeySize ?? 0);
        var integrityKey = RandomNumberGenerator.GetBytes(transform.Integrity?.KeySize ?? 0);
        a.AddPolicy(new SpdEntry { Id = 1, ReqId = 1, Selector = selector });
        foreach (var (plane, direction, local, peer) in new[] { (a, SaDirection.Outbound, outerA, outerB), (b, SaDirection.Inbound, outerB, outerA) })
        {
            plane.AddSa(new SaSpecification
            {
                Spi = 0x1234, Direction = direction, Protocol = transform.Protocol, Mode = IpsecMode.Tunnel,
                LocalAddress = local, PeerAddress = peer, Encapsulation = udp ? SaEncapsulation.Udp : SaEncapsulation.None,
                Cipher = transform.Cipher, Aead = transform.Aead, Integrity = transform.Integrity,
                EncryptionKey = encryptionKey, IntegrityKey = integrityKey, ReqId = 1,
                Selector = direction == SaDirection.Outbound ? selector : TrafficSelector.Between(selector.RemoteAddresses, selector.LocalAddresses),
                ReplayWindowSize = 1024,
            });
        }

        void Step()
        {
            sender.ProcessNext();
            if (open)
            {
                receiver.ProcessNext();
            }
        }

        for (var i = 0; i < 20_000; i++)
        {
            Step();
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        long packets = 0;
        while (stopwatch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1000; i++)
            {
                Step();
            }

            packets += 1000;
        }

        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (open && tunB.Writes != packets + 20_000)
        {
            throw new InvalidOperationException($"{transform.Name}: {tunB.Writes} packets delivered of {packets + 20_000} sent.");
        }

        var rate = packets / stopwatch.Elapsed.TotalSeconds;
        return (rate, rate * packetSize * 8 / 1e9, (double)allocated / packets);
    }

    private static byte[] UdpPacket(IPAddress source, IPAddress destination, int totalLength)
    {
        var packet = new byte[totalLength];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)totalLength);
        packet[8] = 64;
        packet[9] = 17;
        source.TryWriteBytes(packet.AsSpan(12), out _);
        destination.TryWriteBytes(packet.AsSpan(16), out _);
        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(i));
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), (ushort)~sum);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), 40000);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), 9);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), (ushort)(totalLength - 20));
        return packet;
    }
}
