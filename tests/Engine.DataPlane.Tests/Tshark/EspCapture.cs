using System.Buffers.Binary;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Tshark;

/// <summary>
/// Seals one packet per case with the data plane's outbound path (every ESP transform, transport
/// and tunnel, IPv4 and IPv6, raw and UDP 4500; every AH transform raw), writes them into one
/// pcap with the outer headers the kernel would add, and has tshark dissect it once with an
/// esp_sa table holding each SA's keys. The pcap stays in the test output directory
/// (bin/.../tshark/esp.pcap, with esp_sa beside it) for a human to open in Wireshark.
/// </summary>
public sealed class EspCapture
{
    private static readonly IPAddress OuterA4 = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress OuterB4 = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress OuterA6 = IPAddress.Parse("2001:db8::1");
    private static readonly IPAddress OuterB6 = IPAddress.Parse("2001:db8::2");
    private readonly Dictionary<string, (CaptureCase Case, byte[] Payload, DissectedPacket Packet)> byName = [];

    public EspCapture()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "tshark");
        Directory.CreateDirectory(directory);
        PcapPath = Path.Combine(directory, "esp.pcap");
        var records = new List<string>();
        var sealedCases = new List<(CaptureCase Case, byte[] Payload)>();
        using (var pcap = new PcapFile(PcapPath))
        {
            foreach (var capture in Cases())
            {
                var payload = Encoding.ASCII.GetBytes($"payload of {capture.Name}");
                var (packet, record) = Seal(capture, payload);
                pcap.Write(packet, capture.Family);
                if (record is not null)
                {
                    records.Add(record);
                }

                sealedCases.Add((capture, payload));
            }
        }

        File.WriteAllLines(Path.Combine(directory, "esp_sa"), records);
        var options = new List<string> { "esp.enable_encryption_decode:TRUE", "esp.enable_authentication_check:TRUE" };
        options.AddRange(records.Select(record => $"uat:esp_sa:{record}"));
        Packets = TsharkRunner.Dissect(PcapPath, options);
        for (var i = 0; i < sealedCases.Count && i < Packets.Count; i++)
        {
            byName[sealedCases[i].Case.Name] = (sealedCases[i].Case, sealedCases[i].Payload, Packets[i]);
        }

        CaseCount = sealedCases.Count;
    }

    public string PcapPath { get; }

    public int CaseCount { get; }

    public IReadOnlyList<DissectedPacket> Packets { get; }

    public (CaptureCase Case, byte[] Payload, DissectedPacket Packet) this[string name] => byName[name];

    public static IReadOnlyList<CaptureCase> Cases()
    {
        var cases = new List<CaptureCase>();
        uint spi = 0x5000_0000;
        foreach (var transform in TestTransforms.All())
        {
            foreach (var mode in new[] { IpsecMode.Transport, IpsecMode.Tunnel })
            {
                foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
                {
                    foreach (var udp in transform.Protocol == IpsecProtocol.Esp ? new[] { false, true } : [false])
                    {
                        cases.Add(new CaptureCase(transform, mode, family, udp, ++spi));
                    }
                }
            }
        }

        return cases;
    }

    public static TheoryData<string> CaseNames() => new(Cases().Select(capture => capture.Name));

    /// <summary>Seals the payload (as a UDP datagram) through an outbound loop; returns the IP packet on the wire and its esp_sa record.</summary>
    private static (byte[] Packet, string? Record) Seal(CaptureCase capture, byte[] payload)
    {
        var v4 = capture.Family == AddressFamily.InterNetwork;
        var outerA = v4 ? OuterA4 : OuterA6;
        var outerB = v4 ? OuterB4 : OuterB6;
        var tunnel = capture.Mode == IpsecMode.Tunnel;
        var innerA = tunnel ? IPAddress.Parse(v4 ? "10.1.0.10" : "fd00:1::10") : outerA;
        var innerB = tunnel ? IPAddress.Parse(v4 ? "10.2.0.20" : "fd00:2::20") : outerB;
        var transform = capture.Transform;
        var kind = transform.Protocol == IpsecProtocol.Ah ? DatagramEndpointKind.Ah : capture.Udp ? DatagramEndpointKind.NatTraversal : DatagramEndpointKind.Esp;
        var encryptionKey = RandomNumberGenerator.GetBytes(transform.EncryptionKeySize);
        var integrityKey = RandomNumberGenerator.GetBytes(transform.IntegrityKeySize);

        var network = new FakeNetwork();
        var bind = network.Bind(kind, outerA, 4500);
        using var plane = new IpsecDataPlane();
        var tun = new FakeTunDevice();
        using var loop = plane.CreateOutboundLoop(tun);
        plane.CreateInboundLoop(bind).Dispose();
        var selector = TrafficSelector.Between(AddressRange.Host(innerA), AddressRange.Host(innerB));
        plane.AddPolicy(new SpdEntry { Id = 1, ReqId = 1, Selector = selector });
        plane.AddSa(new SaSpecification
        {
            Spi = capture.Spi, Direction = SaDirection.Outbound, Protocol = transform.Protocol, Mode = capture.Mode,
            LocalAddress = outerA, PeerAddress = outerB,
            Encapsulation = capture.Udp ? SaEncapsulation.Udp : SaEncapsulation.None,
            Cipher = transform.Cipher, Aead = transform.Aead, Integrity = transform.Integrity,
            EncryptionKey = encryptionKey, IntegrityKey = integrityKey, Selector = selector, ReqId = 1,
        });

        tun.Inject(TestPackets.Udp(innerA, innerB, 40000, 40001, payload));
        loop.ProcessNext();
        var datagram = bind.Sent.Single().Datagram;

        byte[] packet;
        if (capture.Udp)
        {
            packet = new byte[OuterHeaders.IpHeaderLength(capture.Family) + 8 + datagram.Length];
            OuterHeaders.WriteUdp(packet, new IPEndPoint(outerA, 4500), new IPEndPoint(outerB, 4500), datagram);
        }
        else
        {
            packet = new byte[OuterHeaders.IpHeaderLength(capture.Family) + datagram.Length];
            OuterHeaders.WriteIp(packet, outerA, outerB, (byte)transform.Protocol, datagram.Length);
            datagram.CopyTo(packet, OuterHeaders.IpHeaderLength(capture.Family));
        }

        if (transform.Protocol == IpsecProtocol.Ah)
        {
            return (packet, null);
        }

        Assert.Equal(capture.Spi, BinaryPrimitives.ReadUInt32BigEndian(datagram));
        var record = string.Join(",",
            Quote(v4 ? "IPv4" : "IPv6"), Quote(outerA.ToString()), Quote(outerB.ToString()), Quote($"0x{capture.Spi:x8}"),
            Quote(transform.WiresharkEncryption), Quote(KeyText(encryptionKey)),
            Quote(transform.WiresharkAuthentication), Quote(KeyText(integrityKey)));
        return (packet, record);
    }

    private static string KeyText(byte[] key) => key.Length == 0 ? string.Empty : "0x" + Convert.ToHexString(key).ToLowerInvariant();

    private static string Quote(string text) => $"\"{text}\"";
}
