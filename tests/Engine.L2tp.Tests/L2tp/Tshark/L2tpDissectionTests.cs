using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.L2tp.Messages;
using Engine.L2tp.Tests.L2tp.Support;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Tshark;

/// <summary>
/// tshark's L2TP dissector (UDP 1701) reads what this code writes: one capture holds a whole
/// LAC/LNS conversation (tunnel authentication, hidden AVPs, tie breaker, a sequenced call with
/// PPP frames, WEN, SLI, Hello, CDN, StopCCN, ZLBs), the outgoing-call messages, and a message
/// carrying every AVP of section 4.4 in the clear and once more hidden. No frame may be malformed
/// or raise an expert warning, and the dissected AVPs must be the ones written.
/// </summary>
public sealed class L2tpDissectionTests
{
    private static readonly Lazy<Capture> Dissected = new(Build);

    [Fact]
    public void NoFrameIsMalformedOrRaisesAnExpertWarning()
    {
        var packets = Dissected.Value.Packets;
        Assert.True(packets.Count >= 25, $"only {packets.Count} frames");
        Assert.All(packets, packet =>
        {
            Assert.Contains("l2tp", packet.Protocols);
            Assert.False(packet.IsMalformed);
            Assert.Empty(packet.ExpertProblems());
        });
    }

    [Fact]
    public void ConversationMessageTypesAreDissectedInOrder()
    {
        var capture = Dissected.Value;
        var dissectedTypes = capture.Packets.Take(capture.ConversationLength)
            .Select(packet => packet.Shows("l2tp.avp.message_type").FirstOrDefault())
            .Where(type => type is not null)
            .Select(type => (ControlMessageType)int.Parse(type!))
            .ToArray();
        var writtenTypes = capture.Written.Take(capture.ConversationLength)
            .Where(datagram => datagram.Length > 12 && (datagram[0] & 0x80) != 0)
            .Select(datagram => (ControlMessageType)datagram[19])
            .ToArray();

        Assert.Equal(writtenTypes, dissectedTypes);
        foreach (var type in new[]
        {
            ControlMessageType.Sccrq, ControlMessageType.Sccrp, ControlMessageType.Scccn, ControlMessageType.Icrq, ControlMessageType.Icrp,
            ControlMessageType.Iccn, ControlMessageType.Wen, ControlMessageType.Sli, ControlMessageType.Hello, ControlMessageType.Cdn, ControlMessageType.StopCcn,
        })
        {
            Assert.Contains(type, dissectedTypes);
        }
    }

    [Fact]
    public void HeaderFieldsMatchWhatWasWritten()
    {
        var capture = Dissected.Value;
        for (var i = 0; i < capture.ConversationLength; i++)
        {
            L2tpHeader.TryRead(capture.Written[i], out var header);
            var packet = capture.Packets[i];
            Assert.Equal(header.TunnelId.ToString(), packet.Shows("l2tp.tunnel").Single());
            Assert.Equal(header.SessionId.ToString(), packet.Shows("l2tp.session").Single());
            if (header.HasSequence)
            {
                Assert.Equal(header.Ns.ToString(), packet.Shows("l2tp.Ns").Single());
            }
        }
    }

    [Fact]
    public void DataMessagesCarryPppThatTsharkDecodes()
    {
        var capture = Dissected.Value;
        var data = capture.Packets.Where(packet => packet.Shows("l2tp.type").Single() == "0").ToArray();

        Assert.Equal(2, data.Length);
        Assert.All(data, packet => Assert.Equal("0xc021", packet.Shows("ppp.protocol").Single()));
        Assert.All(data, packet => Assert.Equal("1", packet.Shows("l2tp.seq_bit").Single()));
    }

    [Fact]
    public void EveryAvpIsDissectedWithItsTypeAndValue()
    {
        var packet = Dissected.Value.EveryAvpInTheClear;
        var types = packet.Shows("l2tp.avp.type").Select(int.Parse).ToArray();

        var written = AvpCatalog.All.Select(definition => (int)definition.Type).ToArray();
        Assert.Equal(written.Order(), types.Order());
        Assert.Equal("lns", packet.Shows("l2tp.avp.host_name").Single());
        Assert.Equal("IpSecPolicy", packet.Shows("l2tp.avp.vendor_name").Single());
        Assert.Equal("4660", packet.Shows("l2tp.avp.assigned_tunnel_id").Single());
        Assert.Equal("48879", packet.Shows("l2tp.avp.assigned_session_id").Single());
        Assert.Equal("6", packet.Shows("l2tp.avp.error_code").Single());
        Assert.Equal("oops", packet.Shows("l2tp.avp.error_message").Single());
        Assert.Equal("5551234", packet.Shows("l2tp.avp.called_number").Single());
        Assert.Equal("bob", packet.Shows("l2tp.avp.proxy_authen_name").Single());
        Assert.Equal("6", packet.Shows("l2tp.avp.alignment_errors").Single());
        Assert.Equal("9600", packet.Shows("l2tp.avp.rx_connect_speed").Single());
        Assert.Equal("67:31", packet.Shows("l2tp.avp.private_group_id").Single());
    }

    [Fact]
    public void HiddenAvpsAreShownWithTheHBit()
    {
        var packet = Dissected.Value.EveryAvpHidden;
        var hiddenFlags = packet.Shows("l2tp.avp.hidden").ToArray();
        var hideable = AvpCatalog.All.Count(definition => definition.MayBeHidden);

        Assert.Equal(hideable, hiddenFlags.Count(flag => flag == "1"));
        Assert.Equal("lns", packet.Shows("l2tp.avp.host_name").Single());
    }

    private static Capture Build()
    {
        var secret = "tshark secret"u8.ToArray();
        var hidden = new HashSet<AvpType> { AvpType.AssignedSessionId, AvpType.CallSerialNumber };
        using var network = new TestNetwork(
            new L2tpEndpointOptions
            {
                HostName = "lac", Random = SeededRandom.Create(1), TunnelSecret = secret, ChallengePeer = true,
                SendTieBreaker = true, HiddenAvpTypes = hidden, RequireDataSequencing = true,
            },
            new L2tpEndpointOptions { HostName = "lns", Random = SeededRandom.Create(2), TunnelSecret = secret, ChallengePeer = true, HiddenAvpTypes = hidden });

        var (lacTunnel, lacSession, _, lnsSession) = network.Connect();
        lacSession.SendFrame(Hex.Parse("ff03 c021 01 01 0004"));
        lnsSession.SendFrame(Hex.Parse("ff03 c021 02 01 0004"));
        lacSession.SendWanErrorNotify(new CallErrors(1, 0, 0, 0, 0, 0));
        lnsSession.SendSetLinkInfo(new AccmValue(0, 0));
        network.Advance(TimeSpan.FromSeconds(61));
        lacSession.Close();
        network.Advance(TimeSpan.FromSeconds(1));
        lacTunnel.Close();
        network.Advance(TimeSpan.FromSeconds(1));

        var written = network.Wire.Select(entry => entry.Datagram).ToList();
        var conversation = written.Count;
        var extra = new List<byte[]>
        {
            Control(new Ocrq { AssignedSessionId = 5, CallSerialNumber = 9, MinimumBps = 9600, MaximumBps = 56000, BearerType = L2tpBearer.Digital, FramingType = L2tpFraming.Synchronous, CalledNumber = "100" }.Encode()),
            Control(new Ocrp { AssignedSessionId = 6, PhysicalChannelId = 1 }.Encode()),
            Control(new Occn { TxConnectSpeed = 56000, FramingType = L2tpFraming.Synchronous, RxConnectSpeed = 33600 }.Encode()),
            Control(ControlAttributesCodec.Encode(AllAttributes.Create(ControlMessageType.Iccn))),
        };
        var everyHidden = AllAttributes.Create(ControlMessageType.Iccn);
        everyHidden.RandomVector = null;
        var allTypes = AvpCatalog.All.Select(definition => definition.Type).ToHashSet();
        extra.Add(Control(ControlAttributesCodec.Encode(everyHidden, new AvpHidingOptions(secret, allTypes, Hex.Parse("00112233445566778899aabbccddeeff")))));
        written.AddRange(extra);

        var directory = Path.Combine(AppContext.BaseDirectory, "tshark");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "l2tp.pcap");
        using (var pcap = new PcapWriter(path))
        {
            for (var i = 0; i < written.Count; i++)
            {
                var toLns = i >= conversation || network.Wire[i].ToLns;
                pcap.WriteUdp(toLns ? TestNetwork.LacEndPoint : TestNetwork.LnsEndPoint, toLns ? TestNetwork.LnsEndPoint : TestNetwork.LacEndPoint, written[i]);
            }
        }

        var packets = TsharkRunner.Dissect(path);
        return new Capture(written, packets, conversation, packets[^2], packets[^1]);
    }

    private static byte[] Control(byte[] body)
    {
        var datagram = new byte[12 + body.Length];
        L2tpHeader.WriteControl(datagram, datagram.Length, 0x1234, 0x5678, 0, 0);
        body.CopyTo(datagram, 12);
        return datagram;
    }

    private sealed record Capture(IReadOnlyList<byte[]> Written, IReadOnlyList<DissectedPacket> Packets, int ConversationLength, DissectedPacket EveryAvpInTheClear, DissectedPacket EveryAvpHidden);
}
