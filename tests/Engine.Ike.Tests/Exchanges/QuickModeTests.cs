using System.Net;
using System.Net.Sockets;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Selectors;
using Engine.Ike.Tests.Exchanges.Support;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;

namespace Engine.Ike.Tests.Exchanges;

public sealed class QuickModeTests
{
    private static readonly IPAddress I = TwoPeers.InitiatorAddress;
    private static readonly IPAddress R = TwoPeers.ResponderAddress;

    public static TheoryData<string> Methods => new()
    {
        "ESP AES-CBC-128 HMAC-SHA1",
        "ESP AES-CBC-192 HMAC-SHA-256",
        "ESP AES-CBC-256 HMAC-SHA-384",
        "ESP AES-CBC-256 HMAC-SHA-512",
        "ESP 3DES HMAC-MD5",
        "ESP DES HMAC-SHA1",
        "ESP NULL HMAC-SHA1",
        "ESP AES-GCM-16-128",
        "ESP AES-GCM-16-256",
        "AH HMAC-SHA1",
        "AH HMAC-SHA-256",
        "AH HMAC-SHA1 + ESP AES-CBC-128 HMAC-SHA1",
    };

    public static QuickModeProposal Method(string name) => name switch
    {
        "ESP AES-CBC-128 HMAC-SHA1" => Policies.Esp(EspTransformId.AesCbc, 128, IpsecAuthenticationAlgorithm.HmacSha1),
        "ESP AES-CBC-192 HMAC-SHA-256" => Policies.Esp(EspTransformId.AesCbc, 192, IpsecAuthenticationAlgorithm.HmacSha2_256),
        "ESP AES-CBC-256 HMAC-SHA-384" => Policies.Esp(EspTransformId.AesCbc, 256, IpsecAuthenticationAlgorithm.HmacSha2_384),
        "ESP AES-CBC-256 HMAC-SHA-512" => Policies.Esp(EspTransformId.AesCbc, 256, IpsecAuthenticationAlgorithm.HmacSha2_512),
        "ESP 3DES HMAC-MD5" => Policies.Esp(EspTransformId.TripleDes, 0, IpsecAuthenticationAlgorithm.HmacMd5),
        "ESP DES HMAC-SHA1" => Policies.Esp(EspTransformId.Des, 0, IpsecAuthenticationAlgorithm.HmacSha1),
        "ESP NULL HMAC-SHA1" => Policies.Esp(EspTransformId.Null, 0, IpsecAuthenticationAlgorithm.HmacSha1),
        "ESP AES-GCM-16-128" => Policies.Esp(EspTransformId.AesGcm16, 128, null),
        "ESP AES-GCM-16-256" => Policies.Esp(EspTransformId.AesGcm16, 256, null),
        "AH HMAC-SHA1" => Policies.Ah(AhTransformId.Sha1, IpsecAuthenticationAlgorithm.HmacSha1),
        "AH HMAC-SHA-256" => Policies.Ah(AhTransformId.Sha2_256, IpsecAuthenticationAlgorithm.HmacSha2_256),
        "AH HMAC-SHA1 + ESP AES-CBC-128 HMAC-SHA1" => new QuickModeProposal(
            new EspProposal(EspTransformId.AesCbc, 128, IpsecAuthenticationAlgorithm.HmacSha1),
            new AhProposal(AhTransformId.Sha1, IpsecAuthenticationAlgorithm.HmacSha1),
            3600,
            100000),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_security_method_family_negotiates_matching_keys(string method)
    {
        var proposal = Method(method);
        var peers = new TwoPeers(Policies.Transport(I, R, quickMode: [proposal]), Policies.Transport(R, I, quickMode: [proposal]));

        peers.Initiate();

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        var protocols = (proposal.Esp is null ? 0 : 1) + (proposal.Ah is null ? 0 : 1);
        Assert.Equal(protocols * 2, peers.Initiator.Kernel.Installed.Count);
        var outbound = peers.Initiator.Kernel.Outbound.First(sa => sa.Id.Protocol == (proposal.Esp is null ? IpsecProtocol.Ah : IpsecProtocol.Esp));
        if (proposal.Esp is { Transform: EspTransformId.AesGcm16 } gcm)
        {
            Assert.NotNull(outbound.Aead);
            Assert.Null(outbound.Integrity);
            Assert.Equal(gcm.KeyLengthBits / 8 + 4, outbound.EncryptionKey.Length);
        }
        else
        {
            Assert.NotNull(outbound.Integrity);
            Assert.Equal(outbound.Integrity!.KeySize, outbound.IntegrityKey.Length);
        }

        Assert.Empty(peers.Initiator.Kernel.Reserved);
        Assert.Empty(peers.Responder.Kernel.Reserved);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(true, DiffieHellmanGroup.Modp2048)]
    [InlineData(true, DiffieHellmanGroup.Curve25519)]
    public void With_and_without_pfs(bool pfs, DiffieHellmanGroup? group)
    {
        var peers = new TwoPeers(Policies.Transport(I, R, pfs: pfs, pfsGroup: group), Policies.Transport(R, I, pfs: pfs, pfsGroup: group));

        peers.Initiate();

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        var established = Assert.Single(peers.Responder.Events.Of<QuickModeEstablishedEvent>());
        Assert.Equal(pfs, established.PerfectForwardSecrecy);
        var quickMode1 = MainModeTests.Parse(peers.Network.Sent.First(d => d.Exchange == IsakmpExchangeType.QuickMode));
        Assert.True(quickMode1.HasEncryptedBody);
    }

    [Fact]
    public void Pfs_keys_differ_from_the_keys_without_pfs()
    {
        var keys = new List<byte[]>();
        foreach (var pfs in new[] { false, true })
        {
            var peers = new TwoPeers(Policies.Transport(I, R, pfs: pfs), Policies.Transport(R, I, pfs: pfs));
            peers.Initiate();
            keys.Add(peers.Initiator.Kernel.Outbound.Single().EncryptionKey.ToArray());
        }

        Assert.NotEqual(keys[0], keys[1]);
    }

    [Fact]
    public void A_responder_that_requires_pfs_refuses_an_initiator_without_it()
    {
        var peers = new TwoPeers(Policies.Transport(I, R, pfs: false), Policies.Transport(R, I, pfs: true));

        peers.Initiate();

        var refused = peers.SingleFailure(peers.Responder);
        Assert.Equal(NegotiationMode.QuickMode, refused.Mode);
        Assert.Equal(NegotiationFailureReason.NoProposalChosen, refused.Reason);
        Assert.Contains(refused.Refusals, line => line.Contains("no PFS", StringComparison.Ordinal));
        Assert.Equal(NegotiationFailureReason.NoProposalChosen, peers.SingleFailure(peers.Initiator).Reason);
    }

    [Fact]
    public void No_common_quick_mode_method_is_no_proposal_chosen_on_both_sides_and_main_mode_stays()
    {
        var peers = new TwoPeers(
            Policies.Transport(I, R, quickMode: [Method("ESP AES-GCM-16-256"), Method("ESP 3DES HMAC-MD5")]),
            Policies.Transport(R, I, quickMode: [Method("ESP AES-CBC-256 HMAC-SHA-512")]));

        peers.Initiate();

        var refused = peers.SingleFailure(peers.Responder);
        Assert.Equal(NegotiationFailureReason.NoProposalChosen, refused.Reason);
        Assert.Equal("secure hosts", refused.Policy);
        Assert.Equal(2, refused.Refusals.Count);
        var told = peers.SingleFailure(peers.Initiator);
        Assert.Equal(NegotiationMode.QuickMode, told.Mode);
        Assert.Equal(FailurePoint.Peer, told.FailurePoint);
        Assert.Equal(IsakmpNotifyType.NoProposalChosen, told.Notification);
        Assert.Single(peers.Initiator.Engine.GetMainModeSas());
        Assert.Empty(peers.Initiator.Kernel.Reserved);
        Assert.Empty(peers.Responder.Kernel.Reserved);
        Assert.Empty(peers.Initiator.Kernel.Installed);
    }

    [Fact]
    public void Traffic_no_rule_covers_is_invalid_id_information()
    {
        var peers = new TwoPeers(
            Policies.Transport(I, R, localTraffic: TrafficSelector.ForHost(I, 6), remoteTraffic: TrafficSelector.ForHost(R, 6, 443)),
            Policies.Transport(R, I, localTraffic: TrafficSelector.ForHost(R, 17, 53), remoteTraffic: TrafficSelector.ForHost(I, 17)));

        peers.Initiate();

        var refused = peers.SingleFailure(peers.Responder);
        Assert.Equal(NegotiationFailureReason.InvalidIdInformation, refused.Reason);
        Assert.Equal(IsakmpNotifyType.InvalidIdInformation, refused.Notification);
        var told = peers.SingleFailure(peers.Initiator);
        Assert.Equal(NegotiationFailureReason.InvalidIdInformation, told.Reason);
        Assert.Empty(peers.Initiator.Kernel.Installed);
    }

    [Fact]
    public void Protocol_and_port_ids_narrower_than_the_responders_rule_are_accepted()
    {
        var peers = new TwoPeers(
            Policies.Transport(I, R, localTraffic: TrafficSelector.ForHost(I, 6), remoteTraffic: TrafficSelector.ForHost(R, 6, 443)),
            Policies.Transport(R, I));

        peers.Initiate();

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        var sa = peers.Responder.Kernel.Inbound.Single();
        Assert.Equal(TrafficSelector.ForHost(R, 6, 443), sa.LocalTrafficSelector);
        Assert.Equal(TrafficSelector.ForHost(I, 6), sa.RemoteTrafficSelector);
    }

    [Fact]
    public void Tunnel_mode_between_subnets()
    {
        var left = TrafficSelector.ForSubnet(IPAddress.Parse("192.168.1.0"), 24);
        var right = TrafficSelector.ForSubnet(IPAddress.Parse("192.168.2.0"), 24);
        var peers = new TwoPeers(Policies.Tunnel(I, R, left, right), Policies.Tunnel(R, I, right, left));

        peers.Initiate(QuickModeRequest.ForPacket(peers.Initiator.Policy.ChildPolicies[0], I, IPAddress.Parse("192.168.1.5"), IPAddress.Parse("192.168.2.7")));

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        var outbound = peers.Initiator.Kernel.Outbound.Single();
        Assert.Equal(IpsecMode.Tunnel, outbound.Mode);
        Assert.Equal(R, outbound.Destination);
        Assert.Equal(left, outbound.LocalTrafficSelector);
        Assert.Equal(right, outbound.RemoteTrafficSelector);
        var message = MainModeTests.Parse(peers.Network.Sent.First(d => d.Exchange == IsakmpExchangeType.QuickMode));
        Assert.True(message.HasEncryptedBody);
    }

    [Fact]
    public void Tunnel_mode_with_ranges_and_a_port()
    {
        var left = TrafficSelector.ForRange(IPAddress.Parse("172.16.0.10"), IPAddress.Parse("172.16.0.20"), 17, 0);
        var right = TrafficSelector.ForRange(IPAddress.Parse("172.17.0.1"), IPAddress.Parse("172.17.0.99"), 17, 1701);
        var peers = new TwoPeers(Policies.Tunnel(I, R, left, right), Policies.Tunnel(R, I, right, left));

        peers.Initiate(new QuickModeRequest(peers.Initiator.Policy.ChildPolicies[0], I, R, left, right));

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        Assert.Equal(right, peers.Responder.Kernel.Inbound.Single().LocalTrafficSelector);
    }

    [Fact]
    public void Ipv6_transport_mode()
    {
        var i6 = IPAddress.Parse("fd00::1");
        var r6 = IPAddress.Parse("fd00::2");
        var peers = new TwoPeers(Policies.Transport(i6, r6), Policies.Transport(r6, i6));
        peers.Network.Attach(i6, peers.Initiator.Engine.Receive);
        peers.Network.Attach(r6, peers.Responder.Engine.Receive);

        peers.Initiate(QuickModeRequest.ForPacket(peers.Initiator.Policy.ChildPolicies[0], i6, i6, r6));

        peers.AssertNoFailures();
        Assert.Equal(AddressFamily.InterNetworkV6, peers.Responder.Kernel.Inbound.Single().LocalTrafficSelector.Family);
        Assert.Equal(r6, peers.Initiator.Kernel.Outbound.Single().Destination);
    }

    [Fact]
    public void A_tunnel_request_to_a_transport_only_responder_is_no_proposal_chosen()
    {
        var peers = new TwoPeers(
            Policies.Tunnel(I, R, TrafficSelector.ForHost(I), TrafficSelector.ForHost(R)),
            Policies.Transport(R, I));

        peers.Initiate(new QuickModeRequest(peers.Initiator.Policy.ChildPolicies[0], I, R, TrafficSelector.ForHost(I), TrafficSelector.ForHost(R)));

        Assert.Equal(NegotiationFailureReason.NoProposalChosen, peers.SingleFailure(peers.Responder).Reason);
        Assert.Contains(peers.SingleFailure(peers.Responder).Refusals, line => line.Contains("encapsulation Tunnel", StringComparison.Ordinal));
    }

    [Fact]
    public void Lifetimes_in_seconds_and_kilobytes_are_both_sent_and_a_shorter_responder_says_so()
    {
        var peers = new TwoPeers(
            Policies.Transport(I, R, quickMode: [Policies.Esp(EspTransformId.AesCbc, 128, IpsecAuthenticationAlgorithm.HmacSha1, seconds: 3600, kilobytes: 100000)]),
            Policies.Transport(R, I, quickMode: [Policies.Esp(EspTransformId.AesCbc, 128, IpsecAuthenticationAlgorithm.HmacSha1, seconds: 900, kilobytes: 50000)]));

        peers.Initiate();

        peers.AssertNoFailures();
        var initiator = Assert.Single(peers.Initiator.Events.Of<QuickModeEstablishedEvent>());
        var responder = Assert.Single(peers.Responder.Events.Of<QuickModeEstablishedEvent>());
        Assert.Equal(TimeSpan.FromSeconds(900), responder.Lifetime);
        Assert.Equal(TimeSpan.FromSeconds(900), initiator.Lifetime);
        Assert.Equal(50000ul, initiator.LifetimeKilobytes);
        Assert.Equal(50000ul * 1024, peers.Initiator.Kernel.Outbound.Single().HardByteLimit);
        Assert.Contains(peers.Responder.Trace.Entries, e => e.Text.Contains("N(ResponderLifetime", StringComparison.Ordinal));
        Assert.Contains(peers.Initiator.Trace.Entries, e => e.Text.StartsWith("RESPONDER-LIFETIME", StringComparison.Ordinal));
    }

    [Fact]
    public void A_child_sa_expires_with_its_lifetime_and_both_sides_say_542()
    {
        var options = new IkeEngineOptions { Rekey = new RekeySettings { Enabled = false } };
        var peers = new TwoPeers(Policies.Transport(I, R), Policies.Transport(R, I), options);
        peers.Initiate();

        peers.Advance(TimeSpan.FromSeconds(3601), TimeSpan.FromSeconds(30));

        Assert.Contains(peers.Initiator.Events.Of<QuickModeEndedEvent>(), e => e.Reason == SaEndReason.Expired);
        Assert.Contains(peers.Responder.Events.Of<QuickModeEndedEvent>(), e => e.Reason is SaEndReason.Expired or SaEndReason.DeletedByPeer);
        Assert.Empty(peers.Initiator.Kernel.Installed);
        Assert.Empty(peers.Responder.Kernel.Installed);
    }

    [Fact]
    public void The_quick_mode_limit_starts_a_new_main_mode()
    {
        var peers = new TwoPeers(Policies.Transport(I, R, quickModeLimit: 2), Policies.Transport(R, I));

        foreach (var port in new ushort[] { 80, 443, 8080 })
        {
            peers.Initiate(new QuickModeRequest(peers.Initiator.Policy.ChildPolicies[0], I, R, TrafficSelector.ForHost(I), TrafficSelector.ForHost(R, 6, port)));
        }

        peers.AssertNoFailures();
        Assert.Equal(2, peers.Initiator.Events.Of<MainModeEstablishedEvent>().Count());
        Assert.Equal(3, peers.Initiator.Events.Of<QuickModeEstablishedEvent>().Count());
        var ended = Assert.Single(peers.Initiator.Events.Of<MainModeEndedEvent>());
        Assert.Equal(SaEndReason.QuickModeLimit, ended.Reason);
        peers.AssertSasPairUp(3);
    }

    [Fact]
    public void Master_key_pfs_gives_every_quick_mode_its_own_main_mode()
    {
        var peers = new TwoPeers(Policies.Transport(I, R, masterKeyPfs: true), Policies.Transport(R, I, masterKeyPfs: true));

        peers.Initiate(new QuickModeRequest(peers.Initiator.Policy.ChildPolicies[0], I, R, TrafficSelector.ForHost(I), TrafficSelector.ForHost(R, 6, 80)));
        peers.Initiate(new QuickModeRequest(peers.Initiator.Policy.ChildPolicies[0], I, R, TrafficSelector.ForHost(I), TrafficSelector.ForHost(R, 6, 443)));

        peers.AssertNoFailures();
        Assert.Equal(2, peers.Initiator.Events.Of<MainModeEstablishedEvent>().Count());
        Assert.Equal(2, peers.Initiator.Events.Of<MainModeEndedEvent>().Count(e => e.Reason == SaEndReason.QuickModeLimit));
        Assert.Empty(peers.Initiator.Engine.GetMainModeSas());
        Assert.Empty(peers.Responder.Engine.GetMainModeSas());
        peers.AssertSasPairUp(2);
    }

    [Fact]
    public void A_second_request_for_the_same_traffic_does_nothing()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        var sent = peers.Network.Sent.Count;

        peers.Initiate();

        Assert.Equal(sent, peers.Network.Sent.Count);
    }

    [Fact]
    public void The_default_response_rule_answers_traffic_no_filter_names()
    {
        var responderPolicy = new IkePolicy
        {
            MainMode = new MainModePolicy { Proposals = [Policies.Aes128Sha1Ecp256] },
            PreSharedKeys = [PreSharedKeyEntry.FromText(TrafficSelector.Any(AddressFamily.InterNetwork), Policies.Key)],
            DefaultResponse = new DefaultResponsePolicy { Proposals = [Policies.EspAes128Sha1] },
        };
        var peers = new TwoPeers(responderPolicy: responderPolicy);

        peers.Initiate();

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        Assert.Equal("Default Response", Assert.Single(peers.Responder.Events.Of<QuickModeEstablishedEvent>()).Policy);
    }

    [Fact]
    public void A_commit_bit_from_the_initiator_is_answered_with_connected_after_the_sas_are_in()
    {
        var peers = new TwoPeers();

        // The flags byte is not covered by HASH(1): set Commit on quick mode 1 as Windows 2000 did.
        peers.Network.Rewrite(d => d.Exchange == IsakmpExchangeType.QuickMode && d.Source.Address.Equals(I), bytes => bytes[19] |= (byte)IsakmpHeaderFlags.Commit);
        peers.Initiate();

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        Assert.Contains(peers.Responder.Trace.Entries, e => e.Text.Contains("N(Connected", StringComparison.Ordinal) && e.Category == Trace.IkeTraceCategory.Send);
        Assert.Contains(peers.Initiator.Trace.Entries, e => e.Text.StartsWith("Connected noted", StringComparison.Ordinal));
    }

    [Fact]
    public void Keymat_recomputed_from_the_wire_is_what_the_kernel_got()
    {
        var peers = new TwoPeers(options: new IkeEngineOptions { TraceIncludesKeys = true });

        peers.Initiate();

        var mainMode = peers.Network.Sent.Where(d => d.Exchange == IsakmpExchangeType.MainMode).ToArray();
        var quickMode = peers.Network.Sent.Where(d => d.Exchange == IsakmpExchangeType.QuickMode).ToArray();
        var sharedSecret = MainModeTests.KeyFromTrace(peers.Initiator.Trace, "g^xy");
        var (initiatorChose, responderChose) = WireRecomputation.QuickModeKeymat(mainMode, quickMode, Policies.Key, sharedSecret, 16 + 20);

        // The initiator's SPI names the SA the responder sends with: the initiator's inbound.
        var initiatorInbound = peers.Initiator.Kernel.Inbound.Single();
        Assert.Equal(initiatorChose.Spi, initiatorInbound.Id.Spi);
        Assert.Equal(initiatorChose.Keymat, initiatorInbound.EncryptionKey.ToArray().Concat(initiatorInbound.IntegrityKey.ToArray()).ToArray());
        var initiatorOutbound = peers.Initiator.Kernel.Outbound.Single();
        Assert.Equal(responderChose.Spi, initiatorOutbound.Id.Spi);
        Assert.Equal(responderChose.Keymat, initiatorOutbound.EncryptionKey.ToArray().Concat(initiatorOutbound.IntegrityKey.ToArray()).ToArray());
    }
}
