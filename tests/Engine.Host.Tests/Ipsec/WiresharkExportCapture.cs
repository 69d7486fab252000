using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Engine.Host.Tests.Support.Ipsec;
using Engine.Host.Tests.Support.Tshark;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Host.Tests.Ipsec;

/// <summary>
/// One capture for the export tests: two real IKE engines negotiate main mode and quick mode, their
/// data planes exchange ESP both ways, and everything on the wire goes into a pcap. The initiator's
/// ExportWiresharkKeys answer is written with WiresharkKeyTables into a Wireshark profile directory
/// (esp_sa, ikev1_decryption_table), as Export-IpSecWiresharkKey does; tshark then dissects the pcap
/// once with that profile and once with an empty one. Everything stays in the test output directory
/// (bin/.../wireshark-export/) for a human to open in Wireshark.
/// </summary>
public sealed class WiresharkExportCapture : IDisposable
{
    public static readonly string[] Payloads = ["first datagram from the initiator", "second datagram from the initiator", "the responder answers"];

    private readonly IkePair pair = new(new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero)));

    public WiresharkExportCapture()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "wireshark-export");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        Profile = Directory.CreateDirectory(Path.Combine(directory, "profile")).FullName;
        var empty = Directory.CreateDirectory(Path.Combine(directory, "empty-profile")).FullName;
        PcapPath = Path.Combine(directory, "ike-and-esp.pcap");

        pair.Negotiate();
        IkePacketCount = pair.Packets.Count;
        Assert.NotNull(pair.Send(pair.Initiator, 40000, 7, Encoding.ASCII.GetBytes(Payloads[0])));
        Assert.NotNull(pair.Send(pair.Initiator, 40000, 7, Encoding.ASCII.GetBytes(Payloads[1])));
        Assert.NotNull(pair.Send(pair.Responder, 7, 40000, Encoding.ASCII.GetBytes(Payloads[2])));

        using (var control = new MonitorControl(new PeerMonitor(pair, pair.Initiator), TimeProvider.System))
        {
            Keys = control.Call<WiresharkKeys>(ControlCommands.ExportWiresharkKeys);
        }

        File.WriteAllText(Path.Combine(Profile, WiresharkKeyTables.EspSaFileName), WiresharkKeyTables.EspSa(Keys.EspSas));
        File.WriteAllText(Path.Combine(Profile, WiresharkKeyTables.Ikev1DecryptionTableFileName), WiresharkKeyTables.Ikev1DecryptionTable(Keys.IsakmpSas));
        using (var pcap = new PcapWriter(PcapPath))
        {
            foreach (var packet in pair.Packets)
            {
                pcap.WriteIpv4(packet);
            }
        }

        // Wireshark leaves ESP encrypted unless told to try: the one preference the user sets besides the tables.
        string[] preferences = ["esp.enable_encryption_decode:TRUE", "esp.enable_authentication_check:TRUE"];
        WithKeys = TsharkRunner.Dissect(PcapPath, Profile, preferences);
        WithoutKeys = TsharkRunner.Dissect(PcapPath, empty, preferences);
    }

    public string Profile { get; }

    public string PcapPath { get; }

    public int IkePacketCount { get; }

    public WiresharkKeys Keys { get; }

    public IReadOnlyList<DissectedPacket> WithKeys { get; }

    public IReadOnlyList<DissectedPacket> WithoutKeys { get; }

    public IEnumerable<DissectedPacket> Esp(IReadOnlyList<DissectedPacket> packets) => packets.Skip(IkePacketCount);

    public IEnumerable<DissectedPacket> Ike(IReadOnlyList<DissectedPacket> packets) => packets.Take(IkePacketCount);

    public void Dispose() => pair.Dispose();
}
