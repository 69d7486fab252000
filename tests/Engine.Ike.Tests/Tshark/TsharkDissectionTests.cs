using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Tshark;

/// <summary>
/// An independent reader checks our writer: tshark (Wireshark's dissectors) must read every sample
/// message without a malformed-packet mark or an expert warning, and decode the fields we meant.
/// </summary>
public sealed class TsharkDissectionTests : IClassFixture<TsharkCapture>
{
    private readonly TsharkCapture capture;

    public TsharkDissectionTests(TsharkCapture capture)
    {
        this.capture = capture;
    }

    [Fact]
    public void Every_packet_is_dissected_without_malformed_marks_or_expert_warnings()
    {
        Assert.Equal(SampleMessages.All.Count + 1, capture.Packets.Count);
        foreach (var sample in SampleMessages.All)
        {
            var packet = capture[sample.Name];
            Assert.False(packet.IsMalformed, $"{sample.Name} is malformed for tshark");
            Assert.Empty(packet.ExpertProblems());
            Assert.Contains("isakmp", packet.Protocols);
        }
    }

    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Header_and_payload_chain_decode_as_written(string name)
    {
        var sample = SampleMessages.Get(name);
        var packet = capture[name];
        var header = sample.Message.GetWireHeader();
        Assert.Equal(((byte)header.ExchangeType).ToString(), packet.Shows("isakmp.exchangetype").First());
        Assert.Equal(header.Length.ToString(), packet.Shows("isakmp.length").First());
        Assert.Equal(header.InitiatorSpi.ToString("x16"), packet.Values("isakmp.ispi").First());
        Assert.Equal(header.ResponderSpi.ToString("x16"), packet.Values("isakmp.rspi").First());

        // Wireshark lists every Next Payload field in wire order, nested proposals and transforms
        // included; reassembled fragments append the original message's chain, so compare the prefix.
        var expected = ExpectedNextPayloads(sample.Message).ToArray();
        Assert.Equal(expected, packet.Shows("isakmp.nextpayload").Take(expected.Length).Select(byte.Parse));
    }

    [Fact]
    public void Windows_main_mode_proposal_and_vendor_ids()
    {
        var packet = capture["main-mode-1-windows"];
        Assert.Equal(["7", "7", "7", "5"], packet.Shows("isakmp.ike.attr.encryption_algorithm"));
        Assert.Equal(["256", "128", "256"], packet.Shows("isakmp.ike.attr.key_length"));
        Assert.Equal(["2", "2", "2", "2"], packet.Shows("isakmp.ike.attr.hash_algorithm"));
        Assert.Equal(["1", "1", "1", "1"], packet.Shows("isakmp.ike.attr.authentication_method"));
        Assert.Equal(["20", "19", "14", "2"], packet.Shows("isakmp.ike.attr.group_description"));
        Assert.Equal(["1", "1", "1", "1"], packet.Shows("isakmp.ike.attr.life_type"));
        Assert.Equal(["28800", "28800", "28800", "28800"], packet.Shows("isakmp.ike.attr.life_duration"));
        Assert.Equal(["1"], packet.Shows("isakmp.prop.protoid"));
        Assert.Equal(
            ["MS NT5 ISAKMPOAKLEY", "RFC 3947 Negotiation of NAT-Traversal in the IKE", "draft-ietf-ipsec-nat-t-ike-02\\n",
             "Cisco Fragmentation", "MS-Negotiation Discovery Capable", "IKE CGA Version 1"],
            packet.Shows("isakmp.vid_string"));
        Assert.Equal(["9"], packet.Shows("isakmp.vid.ms_nt5_isakmpoakley"));
    }

    [Fact]
    public void Aggressive_mode_xauth_attributes_identity_and_extension_vendor_ids()
    {
        var packet = capture["aggressive-1-xauth"];
        Assert.Equal(["65001"], packet.Shows("isakmp.ike.attr.authentication_method"));
        Assert.Equal(["4"], packet.Shows("isakmp.ike.attr.hash_algorithm"));
        Assert.Equal(["1"], packet.Shows("isakmp.ike.attr.group_type"));
        Assert.Equal(["86400", "4608000"], packet.Shows("isakmp.ike.attr.life_duration"));
        Assert.Equal(["alice@example.test"], packet.Shows("isakmp.id.data.user_fqdn"));
        Assert.Equal(
            ["XAUTH", "RFC 3706 DPD (Dead Peer Detection)", "CISCO-UNITY", "Cisco Fragmentation", "strongSwan",
             "draft-ietf-ipsec-nat-t-ike-03", "draft-ietf-ipsec-nat-t-ike-02", "draft-ietf-ipsec-nat-t-ike-00",
             "Microsoft Vid-Initial-Contact"],
            packet.Shows("isakmp.vid_string"));
    }

    [Fact]
    public void Quick_mode_layout_transforms_identities_and_nat_original_addresses()
    {
        var packet = capture["quick-mode-1-layout"];
        Assert.Equal(["3", "3"], packet.Shows("isakmp.prop.protoid"));
        Assert.Equal(["c0ffee01", "c0ffee01"], packet.Values("isakmp.spi"));
        Assert.Equal(["12", "3"], packet.Shows("isakmp.trans.id"));
        Assert.Equal(["4", "4"], packet.Shows("isakmp.ipsec.attr.encap_mode"));
        Assert.Equal(["2", "2"], packet.Shows("isakmp.ipsec.attr.auth_algorithm"));
        Assert.Equal(["256"], packet.Shows("isakmp.ipsec.attr.key_length"));
        Assert.Equal(["3600", "100000", "3600", "100000"], packet.Shows("isakmp.ipsec.attr.life_duration"));
        // NAT-OA payloads carry an ID type too, and Wireshark files it under the same field.
        Assert.Equal(["1", "1", "1", "1"], packet.Shows("isakmp.id.type"));
        Assert.Equal(["17", "17"], packet.Shows("isakmp.id.protoid"));
        Assert.Equal(["1701", "1701"], packet.Shows("isakmp.id.port"));
        Assert.Equal(["192.168.1.10", "10.77.0.2"], packet.Shows("isakmp.id.data.ipv4_addr"));
        Assert.Equal(["192.168.1.10", "10.77.0.2"], packet.Shows("isakmp.ike.nat_original_address_ipv4"));
    }

    [Fact]
    public void Quick_mode_with_pfs_ah_esp_gcm_esn_and_ipv4_subnet_and_range()
    {
        var packet = capture["quick-mode-ipv4-subnet-range-pfs"];
        Assert.Equal(["2", "3"], packet.Shows("isakmp.prop.protoid"));
        Assert.Equal(["5", "20", "11"], packet.Shows("isakmp.trans.id"));
        Assert.Equal(["14", "14"], packet.Shows("isakmp.ipsec.attr.group_description"));
        Assert.Equal(["1"], packet.Shows("isakmp.ipsec.attr.ext_seq_nbr"));
        Assert.Equal(["1", "1", "2"], packet.Shows("isakmp.ipsec.attr.encap_mode"));
        Assert.Equal(["4", "7"], packet.Shows("isakmp.id.type"));
        Assert.Equal(["0", "443"], packet.Shows("isakmp.id.port"));
        // Wireshark shows a subnet's network under ipv4_addr and its mask under ipv4_subnet.
        Assert.Equal(["10.71.1.0"], packet.Shows("isakmp.id.data.ipv4_addr"));
        Assert.Equal(["255.255.255.0"], packet.Shows("isakmp.id.data.ipv4_subnet"));
        Assert.Equal(["10.71.2.10"], packet.Shows("isakmp.id.data.ipv4_range_start"));
        Assert.Equal(["10.71.2.20"], packet.Shows("isakmp.id.data.ipv4_range_end"));
    }

    [Fact]
    public void Quick_mode_with_draft_nat_t_numbers_and_ipv6_identities()
    {
        var packet = capture["quick-mode-ipv6-draft-nat-t"];
        Assert.Equal(["61444", "61443"], packet.Shows("isakmp.ipsec.attr.encap_mode"));
        Assert.Equal(["5", "6", "8", "5", "1"], packet.Shows("isakmp.id.type"));
        Assert.Equal(["2001:db8::1", "2001:db8:1::"], packet.Shows("isakmp.id.data.ipv6_addr"));
        Assert.Equal(["ffff:ffff:ffff::"], packet.Shows("isakmp.id.data.ipv6_subnet"));
        Assert.Equal(["2001:db8:2::10"], packet.Shows("isakmp.id.data.ipv6_range_start"));
        Assert.Equal(["2001:db8:2::20"], packet.Shows("isakmp.id.data.ipv6_range_end"));
        Assert.Equal(["2001:db8::1"], packet.Shows("isakmp.ike.nat_original_address_ipv6"));
        Assert.Equal(["192.168.1.10"], packet.Shows("isakmp.ike.nat_original_address_ipv4"));
    }

    [Theory]
    [InlineData("main-mode-3-nat-d")]
    [InlineData("main-mode-3-nat-d-draft")]
    public void Nat_discovery_hashes_decode_for_both_numberings(string name)
    {
        var expected = SampleMessages.Get(name).Message.FindAll<NatDiscoveryPayload>().Select(p => Hex.Format(p.Hash.Span));
        Assert.Equal(expected, capture[name].Values("isakmp.ike.nat_hash"));
    }

    [Fact]
    public void Main_mode_5_identity_hash_and_initial_contact()
    {
        var packet = capture["main-mode-5-psk-layout"];
        Assert.Equal(["10.77.0.1"], packet.Shows("isakmp.id.data.ipv4_addr"));
        Assert.Equal(["500"], packet.Shows("isakmp.id.port"));
        Assert.Equal(["24578"], packet.Shows("isakmp.notify.msgtype"));
        Assert.Equal(["1"], packet.Shows("isakmp.notify.protoid"));
    }

    [Fact]
    public void Certificate_request_and_fqdn_identity()
    {
        var packet = capture["main-mode-5-certificate-layout"];
        Assert.Equal(["gateway.example.test"], packet.Shows("isakmp.id.data.fqdn"));
        Assert.Equal(["4"], packet.Shows("isakmp.cert.encoding"));
        Assert.Equal(["4"], packet.Shows("isakmp.certreq.type"));
        Assert.Single(packet.Values("isakmp.sig"));
    }

    [Fact]
    public void Delete_lists_every_spi()
    {
        var packet = capture["informational-delete"];
        Assert.Equal(["3", "1"], packet.Shows("isakmp.delete.protoid"));
        Assert.Equal(["c0ffee01", "c0ffee02", "112233445566778899aabbccddeeff00"], packet.Values("isakmp.delete.spi"));
    }

    [Fact]
    public void Dead_peer_detection_sequence_numbers()
    {
        Assert.Equal(["36136"], capture["informational-dpd-r-u-there"].Shows("isakmp.notify.msgtype"));
        Assert.Equal(["16909060"], capture["informational-dpd-r-u-there"].Shows("isakmp.notify.data.dpd.are_you_there"));
        Assert.Equal(["36137"], capture["informational-dpd-ack"].Shows("isakmp.notify.msgtype"));
        Assert.Equal(["16909060"], capture["informational-dpd-ack"].Shows("isakmp.notify.data.dpd.are_you_there_ack"));
    }

    [Fact]
    public void Error_and_status_notifications_with_responder_lifetime()
    {
        var packet = capture["informational-notifications"];
        Assert.Equal(["14", "18", "24576", "24577"], packet.Shows("isakmp.notify.msgtype"));
        Assert.Equal(["1", "2"], packet.Shows("isakmp.notify.data.resp_lifetime.ipsec.attr.life_type"));
        Assert.Equal(["1800", "50000"], packet.Shows("isakmp.notify.data.resp_lifetime.ipsec.attr.life_duration"));
    }

    [Fact]
    public void Fragments_are_reassembled_by_tshark_into_the_original_message()
    {
        var first = capture["fragment-1-of-2"];
        var last = capture["fragment-2-of-2"];
        Assert.Equal(["1"], first.Shows("isakmp.frag.seq"));
        Assert.Equal(["0"], first.Shows("isakmp.frag.last"));
        Assert.Equal(["2"], last.Shows("isakmp.frag.seq"));
        Assert.Equal(["1"], last.Shows("isakmp.frag.last"));
        Assert.Equal(["0x0001"], last.Shows("isakmp.frag.packetid"));
        Assert.Equal(capture["main-mode-1-windows"].Shows("isakmp.vid_string"), last.Shows("isakmp.vid_string"));
    }

    [Fact]
    public void Transaction_exchange_keeps_the_mode_config_payload_we_do_not_parse()
    {
        Assert.Equal(["8", "14", "0"], capture["transaction-mode-config"].Shows("isakmp.nextpayload"));
    }

    [Fact]
    public void Encrypted_body_and_nat_keepalive()
    {
        Assert.Equal(["1"], capture["encrypted-main-mode-5"].Shows("isakmp.flag_e"));
        Assert.Single(capture["encrypted-main-mode-5"].Fields, f => f.Name == "isakmp.enc.data");
        Assert.Contains(capture["nat-keepalive"].Fields, f => f.Name == "udpencap.nat_keepalive");
    }

    private static IEnumerable<byte> ExpectedNextPayloads(IsakmpMessage message)
    {
        var header = message.GetWireHeader();
        yield return (byte)header.NextPayload;
        if (message.HasEncryptedBody)
        {
            yield break;
        }

        for (var i = 0; i < message.Payloads.Count; i++)
        {
            yield return (byte)(i + 1 < message.Payloads.Count ? message.Payloads[i + 1].PayloadType : IsakmpPayloadType.None);
            if (message.Payloads[i] is SecurityAssociationPayload sa)
            {
                for (var p = 0; p < sa.Proposals.Count; p++)
                {
                    yield return (byte)(p + 1 < sa.Proposals.Count ? IsakmpPayloadType.Proposal : IsakmpPayloadType.None);
                    var transforms = sa.Proposals[p].Transforms;
                    for (var t = 0; t < transforms.Count; t++)
                    {
                        yield return (byte)(t + 1 < transforms.Count ? IsakmpPayloadType.Transform : IsakmpPayloadType.None);
                    }
                }
            }
        }
    }
}
