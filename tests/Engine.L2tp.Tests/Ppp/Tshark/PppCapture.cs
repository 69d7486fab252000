using System.IO;
using System.Net;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Lcp;
using Engine.L2tp.Tests.Ppp.Support;

namespace Engine.L2tp.Tests.Ppp.Tshark;

/// <summary>
/// Runs whole sessions (each authentication method, header compression, IPv6CP, keepalive, a
/// Protocol-Reject, IP traffic, termination), writes every frame that crossed the link into one
/// pcap as L2TP over UDP 1701, and has tshark dissect it once. The pcap stays in the test output
/// directory (bin/.../tshark/ppp.pcap) for a human to open in Wireshark.
/// </summary>
public sealed class PppCapture
{
    public PppCapture()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "tshark");
        Directory.CreateDirectory(directory);
        PcapPath = Path.Combine(directory, "ppp.pcap");
        var frames = new List<FrameRecord>();
        frames.AddRange(Session(PppAuthenticationProtocol.MsChapV2, compress: false, ipv6: false));
        frames.AddRange(Session(PppAuthenticationProtocol.Chap, compress: true, ipv6: false));
        frames.AddRange(Session(PppAuthenticationProtocol.Pap, compress: false, ipv6: true));
        using (var pcap = new L2tpPcapWriter(PcapPath))
        {
            foreach (var frame in frames)
            {
                pcap.Write(frame.Bytes, frame.FromClient);
            }
        }

        Frames = frames;
        Dissected = TsharkRunner.Dissect(PcapPath);
    }

    public string PcapPath { get; }

    public IReadOnlyList<FrameRecord> Frames { get; }

    public IReadOnlyList<DissectedFrame> Dissected { get; }

    private static IEnumerable<FrameRecord> Session(PppAuthenticationProtocol method, bool compress, bool ipv6)
    {
        var time = Scenario.NewClock();
        var lcp = new LcpSettings { Mru = 1400, RequestAddressControlCompression = compress, RequestProtocolFieldCompression = compress };
        using var link = new PppLink(Scenario.Server(time, [method], lcp: lcp, ipv6: ipv6), Scenario.Client(time, lcp: lcp, ipv6: ipv6), time);
        link.Start();
        var client = link.Client.LocalAddress!;
        link.Client.SendPacket(TestPackets.Udp4(client, IPAddress.Parse("192.168.1.53"), "query"));
        link.Server.SendPacket(TestPackets.Udp4(IPAddress.Parse("192.168.1.53"), client, "answer"));
        if (ipv6)
        {
            link.Client.SendPacket(TestPackets.Ipv6(IPAddress.Parse("fe80::1"), IPAddress.Parse("fe80::2")));
        }

        // A CCP Configure-Request (as Windows sends for MPPE) earns a Protocol-Reject.
        link.Client.Receive([]);
        link.Server.Receive([0xFF, 0x03, 0x80, 0xFD, 0x01, 0x01, 0x00, 0x0A, 0x12, 0x06, 0x01, 0x00, 0x00, 0x40]);
        link.Run(TimeSpan.FromSeconds(31));
        link.Client.Close();
        link.Run(TimeSpan.FromSeconds(5));
        return link.Delivered.ToList();
    }
}
