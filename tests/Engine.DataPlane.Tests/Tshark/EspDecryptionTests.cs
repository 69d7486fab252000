using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Tshark;

/// <summary>
/// An independent implementation checks ours: tshark, given only each SA's algorithms and keys in
/// its esp_sa table, decrypts every ESP packet we sealed to the payload we put in, accepts its
/// ICV, and dissects every packet (ESP and AH) without malformed marks or expert warnings.
/// </summary>
public sealed class EspDecryptionTests : IClassFixture<EspCapture>
{
    private readonly EspCapture capture;

    public EspDecryptionTests(EspCapture capture)
    {
        this.capture = capture;
    }

    [Fact]
    public void Every_case_is_one_frame()
    {
        Assert.Equal(capture.CaseCount, capture.Packets.Count);
        Assert.Equal(120, capture.CaseCount);
    }

    [Theory]
    [MemberData(nameof(EspCapture.CaseNames), MemberType = typeof(EspCapture))]
    public void Tshark_reads_the_packet_back_to_its_payload(string name)
    {
        var (capture, payload, packet) = this.capture[name];
        Assert.False(packet.IsMalformed, $"{name}: malformed for tshark");
        Assert.Empty(packet.ExpertProblems());

        var protocol = capture.Transform.Protocol == IpsecProtocol.Esp ? "esp" : "ah";
        Assert.Contains(protocol, packet.Protocols);
        Assert.Contains($"{capture.Spi:x8}", packet.Values($"{protocol}.spi"));
        Assert.Contains("1", packet.Shows($"{protocol}.sequence"));
        Assert.Contains(Hex.String(payload), packet.Values("data.data"));

        // What came out of ESP/AH is the inner IP packet (tunnel) or the UDP datagram (transport).
        var layers = packet.Shows("frame.protocols").Single().Split(':');
        var innerIp = capture.Family == System.Net.Sockets.AddressFamily.InterNetwork ? "ip" : "ipv6";
        string[] expected = capture.Mode == IpsecMode.Tunnel ? [innerIp, "udp", "data"] : ["udp", "data"];
        Assert.Equal(expected, layers.SkipWhile(layer => layer != protocol).Skip(1));

        // tshark recomputed the ICV (HMAC or GCM tag) with the keys and found it right.
        if ((protocol == "esp" && capture.Transform.WiresharkAuthentication != "NULL") || capture.Transform.Aead is not null)
        {
            Assert.Equal(["1"], packet.Shows("esp.icv_good"));
        }
    }
}
