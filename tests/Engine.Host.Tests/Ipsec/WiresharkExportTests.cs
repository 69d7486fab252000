using System;
using System.Linq;
using System.Text;

namespace Engine.Host.Tests.Ipsec;

/// <summary>
/// Proof that the export is right: tshark, given only the esp_sa and ikev1_decryption_table files
/// built from ExportWiresharkKeys, decrypts every ESP packet to its payload (and finds its ICV
/// good) and every encrypted IKE message to its payloads; with an empty profile it decrypts nothing.
/// </summary>
public sealed class WiresharkExportTests : IClassFixture<WiresharkExportCapture>
{
    private readonly WiresharkExportCapture capture;

    public WiresharkExportTests(WiresharkExportCapture capture)
    {
        this.capture = capture;
    }

    [Fact]
    public void The_capture_holds_main_mode_quick_mode_and_esp_both_ways()
    {
        Assert.Equal(6 + 3, capture.IkePacketCount);
        Assert.Equal(capture.IkePacketCount + 3, capture.WithKeys.Count);
        Assert.All(capture.Ike(capture.WithKeys), packet => Assert.Contains("isakmp", packet.Protocols));
        Assert.All(capture.Esp(capture.WithKeys), packet => Assert.Contains("esp", packet.Protocols));
        Assert.DoesNotContain(capture.WithKeys, packet => packet.IsMalformed);
    }

    [Fact]
    public void The_export_holds_both_directions_of_the_esp_sa_and_the_isakmp_sa()
    {
        Assert.Equal(2, capture.Keys.EspSas.Count);
        Assert.Single(capture.Keys.IsakmpSas);
        Assert.Empty(capture.Keys.Skipped);
    }

    [Fact]
    public void Tshark_decrypts_every_esp_packet_to_its_payload_and_finds_its_icv_good()
    {
        var packets = capture.Esp(capture.WithKeys).ToArray();

        for (var i = 0; i < packets.Length; i++)
        {
            Assert.Equal(Hex(WiresharkExportCapture.Payloads[i]), Assert.Single(packets[i].Values("udp.payload")));
            Assert.Equal(["1"], packets[i].Shows("esp.icv_good"));
        }
    }

    [Fact]
    public void Tshark_decrypts_main_mode_5_and_6_and_all_of_quick_mode()
    {
        var encrypted = capture.Ike(capture.WithKeys).Where(packet => packet.Shows("isakmp.flag_e").Single() == "1").ToArray();

        Assert.Equal(5, encrypted.Length);
        var (message5, message6, quick1, quick2, quick3) = (encrypted[0], encrypted[1], encrypted[2], encrypted[3], encrypted[4]);
        Assert.Equal(["192.0.2.10"], message5.Shows("isakmp.id.data.ipv4_addr"));
        Assert.Equal(["192.0.2.20"], message6.Shows("isakmp.id.data.ipv4_addr"));
        Assert.All(encrypted, packet => Assert.Single(packet.Shows("isakmp.hash")));
        Assert.Single(quick1.Shows("isakmp.nonce"));
        Assert.Single(quick2.Shows("isakmp.nonce"));
        Assert.Equal(2, quick1.Shows("isakmp.id.type").Count());
        Assert.False(quick3.Has("isakmp.nonce"));

        // The SPIs quick mode carried (each side's inbound one) are the ones the esp_sa table names.
        var negotiated = quick1.Values("isakmp.spi").Concat(quick2.Values("isakmp.spi")).Select(spi => "0x" + spi).OrderBy(spi => spi);
        Assert.Equal(capture.Keys.EspSas.Select(sa => sa.Spi).OrderBy(spi => spi), negotiated);
    }

    [Fact]
    public void Without_the_exported_files_tshark_decrypts_nothing()
    {
        Assert.All(capture.Esp(capture.WithoutKeys), packet => Assert.False(packet.Has("udp.payload")));
        Assert.All(capture.Ike(capture.WithoutKeys), packet => Assert.False(packet.Has("isakmp.hash")));
    }

    private static string Hex(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text)).ToLowerInvariant();
}
