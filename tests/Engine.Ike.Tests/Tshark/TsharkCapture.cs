using System.IO;
using System.Net;
using Engine.Ike.Encoding;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Tshark;

/// <summary>
/// Writes every sample message into one pcap (UDP 500 as is, UDP 4500 with the non-ESP marker,
/// plus a NAT keepalive) and dissects it once with tshark; the tests then look up packets by name.
/// The pcap stays in the test output directory (bin/.../tshark/samples.pcap) for a human to open.
/// </summary>
public sealed class TsharkCapture
{
    private static readonly IPAddress Initiator = IPAddress.Parse("10.77.1.1");
    private static readonly IPAddress Responder = IPAddress.Parse("10.77.0.2");
    private readonly Dictionary<string, DissectedPacket> packetsByName = new();

    public TsharkCapture()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "tshark");
        Directory.CreateDirectory(directory);
        PcapPath = Path.Combine(directory, "samples.pcap");
        var names = new List<string>();
        using (var pcap = new PcapWriter(File.Create(PcapPath)))
        {
            foreach (var sample in SampleMessages.All)
            {
                var bytes = sample.Bytes;
                var datagram = sample.Port == 4500 ? NatTraversalFraming.AddNonEspMarker(bytes) : bytes;
                pcap.WriteUdp(Initiator, sample.Port, Responder, sample.Port, datagram);
                names.Add(sample.Name);
            }

            pcap.WriteUdp(Initiator, 4500, Responder, 4500, [NatTraversalFraming.KeepaliveByte]);
            names.Add("nat-keepalive");
        }

        Packets = TsharkRunner.Dissect(PcapPath);
        for (var i = 0; i < names.Count && i < Packets.Count; i++)
        {
            packetsByName[names[i]] = Packets[i];
        }
    }

    public string PcapPath { get; }

    public IReadOnlyList<DissectedPacket> Packets { get; }

    public DissectedPacket this[string name] => packetsByName[name];
}
