using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;
using Engine.Ike.Events;
using Engine.Ike.Network;
using Engine.Ike.Sa;
using Engine.Ike.Selectors;
using Engine.Ike.Tests.Exchanges.Support;
using Engine.Ike.Tests.Support;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;

namespace Engine.Ike.Tests.Exchanges;

public sealed class MainModeTests
{
    public static TheoryData<DiffieHellmanGroup> Groups => new()
    {
        DiffieHellmanGroup.Modp1024,
        DiffieHellmanGroup.Modp2048,
        DiffieHellmanGroup.Ecp256,
        DiffieHellmanGroup.Ecp384,
        DiffieHellmanGroup.Curve25519,
    };

    public static TheoryData<IkeEncryptionAlgorithm, ushort, IkeHashAlgorithm> Ciphers => new()
    {
        { IkeEncryptionAlgorithm.AesCbc, 128, IkeHashAlgorithm.Sha1 },
        { IkeEncryptionAlgorithm.AesCbc, 192, IkeHashAlgorithm.Sha2_256 },
        { IkeEncryptionAlgorithm.AesCbc, 256, IkeHashAlgorithm.Sha2_384 },
        { IkeEncryptionAlgorithm.AesCbc, 256, IkeHashAlgorithm.Sha2_512 },
        { IkeEncryptionAlgorithm.AesCbc, 256, IkeHashAlgorithm.Md5 },
        { IkeEncryptionAlgorithm.TripleDesCbc, 0, IkeHashAlgorithm.Sha1 },
        { IkeEncryptionAlgorithm.DesCbc, 0, IkeHashAlgorithm.Md5 },
    };

    [Fact]
    public void Main_mode_and_quick_mode_bring_up_paired_sas()
    {
        var peers = new TwoPeers();

        peers.Initiate();

        peers.AssertNoFailures();
        var initiatorMainMode = Assert.Single(peers.Initiator.Events.Of<MainModeEstablishedEvent>());
        var responderMainMode = Assert.Single(peers.Responder.Events.Of<MainModeEstablishedEvent>());
        Assert.True(initiatorMainMode.IsInitiator);
        Assert.False(responderMainMode.IsInitiator);
        Assert.Equal(initiatorMainMode.IkeSaId, responderMainMode.IkeSaId);
        Assert.Equal(AuditEventId.SaEstablished, initiatorMainMode.AuditId);
        Assert.Equal("Preshared key", initiatorMainMode.AuthenticationMethod);
        Assert.Single(peers.Initiator.Events.Of<QuickModeEstablishedEvent>());
        Assert.Single(peers.Responder.Events.Of<QuickModeEstablishedEvent>());
        peers.AssertSasPairUp();
        Assert.Equal(IkeSaState.Established, Assert.Single(peers.Initiator.Engine.GetMainModeSas()).State);
        Assert.Equal(IkeSaState.Established, Assert.Single(peers.Responder.Engine.GetMainModeSas()).State);
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Every_group_family_negotiates(DiffieHellmanGroup group)
    {
        var proposal = Policies.MainMode(IkeEncryptionAlgorithm.AesCbc, 256, IkeHashAlgorithm.Sha2_256, group);
        var peers = new TwoPeers(
            Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, mainMode: [proposal]),
            Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, mainMode: [proposal]));

        peers.Initiate();

        peers.AssertNoFailures();
        Assert.Equal(proposal.ToString(), Assert.Single(peers.Responder.Events.Of<MainModeEstablishedEvent>()).Proposal);
        peers.AssertSasPairUp();
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void Every_cipher_and_hash_family_negotiates(IkeEncryptionAlgorithm encryption, ushort bits, IkeHashAlgorithm hash)
    {
        var proposal = Policies.MainMode(encryption, bits, hash, DiffieHellmanGroup.Ecp256);
        var peers = new TwoPeers(
            Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, mainMode: [proposal]),
            Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, mainMode: [proposal]));

        peers.Initiate();

        peers.AssertNoFailures();
        Assert.Equal(proposal.ToString(), Assert.Single(peers.Initiator.Events.Of<MainModeEstablishedEvent>()).Proposal);
        peers.AssertSasPairUp();
    }

    [Fact]
    public void The_responder_takes_the_first_of_the_initiators_methods_it_has_and_logs_the_ones_it_refused()
    {
        var strong = Policies.MainMode(IkeEncryptionAlgorithm.AesCbc, 256, IkeHashAlgorithm.Sha2_256, DiffieHellmanGroup.Ecp384);
        var common = Policies.MainMode(IkeEncryptionAlgorithm.AesCbc, 128, IkeHashAlgorithm.Sha1, DiffieHellmanGroup.Ecp256);
        var legacy = Policies.MainMode(IkeEncryptionAlgorithm.TripleDesCbc, 0, IkeHashAlgorithm.Sha1, DiffieHellmanGroup.Modp1024);
        var peers = new TwoPeers(
            Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, mainMode: [strong, common, legacy]),
            Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, mainMode: [legacy, common]));

        peers.Initiate();

        peers.AssertNoFailures();
        Assert.Equal(common.ToString(), Assert.Single(peers.Responder.Events.Of<MainModeEstablishedEvent>()).Proposal);
        Assert.Contains(peers.Responder.Trace.Entries, entry => entry.Text.StartsWith("refused proposal 1 transform 1", StringComparison.Ordinal) && entry.Text.Contains("not among our main mode methods", StringComparison.Ordinal));
    }

    [Fact]
    public void No_common_main_mode_method_is_no_proposal_chosen_on_both_sides()
    {
        var peers = new TwoPeers(
            Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, mainMode: [Policies.MainMode(IkeEncryptionAlgorithm.AesCbc, 256, IkeHashAlgorithm.Sha2_512, DiffieHellmanGroup.Ecp384)]),
            Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, mainMode: [Policies.MainMode(IkeEncryptionAlgorithm.TripleDesCbc, 0, IkeHashAlgorithm.Sha1, DiffieHellmanGroup.Modp1024)]));

        peers.Initiate();

        var refused = peers.SingleFailure(peers.Responder);
        Assert.Equal(NegotiationMode.MainMode, refused.Mode);
        Assert.Equal(NegotiationFailureReason.NoProposalChosen, refused.Reason);
        Assert.Equal(FailurePoint.Me, refused.FailurePoint);
        Assert.Equal(IsakmpNotifyType.NoProposalChosen, refused.Notification);
        Assert.Equal(AuditEventId.NegotiationFailed, refused.AuditId);
        Assert.Contains(refused.Refusals, line => line.Contains("AesCbc-256/Sha2_512/DH20", StringComparison.Ordinal));
        var told = peers.SingleFailure(peers.Initiator);
        Assert.Equal(NegotiationFailureReason.NoProposalChosen, told.Reason);
        Assert.Equal(FailurePoint.Peer, told.FailurePoint);
        Assert.Empty(peers.Initiator.Engine.GetMainModeSas());
        Assert.Empty(peers.Responder.Engine.GetMainModeSas());
        Assert.Empty(peers.Initiator.Kernel.Installed);
        Assert.Empty(peers.Initiator.Kernel.Reserved);
    }

    [Fact]
    public void A_wrong_pre_shared_key_is_authentication_failed_on_both_sides()
    {
        var peers = new TwoPeers(
            Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, key: "the initiator's key"),
            Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, key: "the responder's key"));

        peers.Initiate();

        var responder = peers.SingleFailure(peers.Responder);
        Assert.Equal(NegotiationFailureReason.AuthenticationFailed, responder.Reason);
        Assert.Equal(NegotiationMode.MainMode, responder.Mode);
        Assert.Contains("pre-shared keys differ", responder.Detail, StringComparison.Ordinal);
        var initiator = peers.SingleFailure(peers.Initiator);
        Assert.Equal(NegotiationFailureReason.AuthenticationFailed, initiator.Reason);
        Assert.Equal(IsakmpNotifyType.AuthenticationFailed, initiator.Notification);
        Assert.Empty(peers.Initiator.Events.Of<MainModeEstablishedEvent>());
        Assert.Empty(peers.Responder.Events.Of<MainModeEstablishedEvent>());
        Assert.Empty(peers.Initiator.Engine.GetMainModeSas());
        Assert.Empty(peers.Responder.Engine.GetMainModeSas());
    }

    [Fact]
    public void A_responder_without_a_key_for_the_peer_refuses_main_mode()
    {
        var responderPolicy = Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress);
        var peers = new TwoPeers(responderPolicy: new IkePolicy
        {
            MainMode = responderPolicy.MainMode,
            ChildPolicies = responderPolicy.ChildPolicies,
            PreSharedKeys = [PreSharedKeyEntry.FromText(TrafficSelector.ForHost(IPAddress.Parse("10.9.9.9")), Policies.Key)],
        });

        peers.Initiate();

        Assert.Equal(NegotiationFailureReason.NoPolicy, peers.SingleFailure(peers.Responder).Reason);
        Assert.Equal(NegotiationFailureReason.NoProposalChosen, peers.SingleFailure(peers.Initiator).Reason);
    }

    [Fact]
    public void An_initiator_without_a_key_for_the_peer_does_not_start()
    {
        var initiatorPolicy = Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress);
        var peers = new TwoPeers(new IkePolicy { MainMode = initiatorPolicy.MainMode, ChildPolicies = initiatorPolicy.ChildPolicies });

        peers.Initiate();

        Assert.Empty(peers.Network.Sent);
        Assert.Equal(NegotiationFailureReason.NoPolicy, peers.SingleFailure(peers.Initiator).Reason);
    }

    [Fact]
    public void Vendor_ids_identify_us_and_the_peers_are_recognised()
    {
        var peers = new TwoPeers();

        peers.Initiate();

        var first = peers.Network.Sent[0];
        var message1 = Parse(first);
        var ours = message1.FindAll<VendorIdPayload>().Select(vid => vid.Identify()!.VendorId).ToArray();
        Assert.Equal(
            [VendorIdCatalog.IpSecPolicyEngine, VendorIdCatalog.DeadPeerDetection, VendorIdCatalog.NatTraversalRfc3947, VendorIdCatalog.NatTraversalDraft03, VendorIdCatalog.NatTraversalDraft02N, VendorIdCatalog.NatTraversalDraft02],
            ours);
        Assert.Contains("IpSecPolicy engine", Assert.Single(peers.Initiator.Events.Of<MainModeEstablishedEvent>()).PeerVendorIds);
    }

    [Fact]
    public void A_windows_message_1_is_answered_with_its_transform_and_windows_is_recognised()
    {
        var windowsProposal = Policies.MainMode(IkeEncryptionAlgorithm.AesCbc, 128, IkeHashAlgorithm.Sha1, DiffieHellmanGroup.Ecp256);
        var peers = new TwoPeers(responderPolicy: Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, mainMode: [windowsProposal]));
        var windows = Hex.Parse(WindowsMainModeMessage1.Hex);

        peers.Responder.Engine.Receive(new IkeDatagram(windows, new IPEndPoint(TwoPeers.ResponderAddress, 500), new IPEndPoint(TwoPeers.InitiatorAddress, 500)));

        var answer = Parse(Assert.Single(peers.Network.Sent));
        Assert.Equal(WindowsMainModeMessage1.InitiatorSpi, answer.Header.InitiatorSpi);
        Assert.NotEqual(0ul, answer.Header.ResponderSpi);
        var transform = Assert.Single(Assert.Single(answer.Find<SecurityAssociationPayload>()!.Proposals).Transforms);
        Assert.Equal(2, transform.TransformNumber);
        Assert.Contains(peers.Responder.Trace.Entries, entry => entry.Text.Contains("MS NT5 ISAKMPOAKLEY", StringComparison.Ordinal));
        Assert.Contains(peers.Responder.Trace.Entries, entry => entry.Text.Contains("refused proposal 1 transform 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Hash_i_recomputed_from_the_wire_matches_the_one_in_message_5()
    {
        var options = new IkeEngineOptions { TraceIncludesKeys = true };
        var peers = new TwoPeers(options: options);

        peers.Initiate();

        var mainMode = peers.Network.Sent.Where(d => d.Exchange == IsakmpExchangeType.MainMode).ToArray();
        Assert.Equal(6, mainMode.Length);
        var sharedSecret = KeyFromTrace(peers.Initiator.Trace, "g^xy");
        WireRecomputation.AssertHashI(mainMode, Policies.Key, sharedSecret);
        Assert.DoesNotContain(peers.Initiator.Events.Events, e => e.ToString().Contains(Convert.ToHexString(sharedSecret), StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_stay_out_of_the_trace_without_the_opt_in()
    {
        var peers = new TwoPeers();

        peers.Initiate();

        Assert.DoesNotContain(peers.Initiator.Trace.Entries, entry => entry.Category == Trace.IkeTraceCategory.Keys);
        Assert.DoesNotContain(peers.Responder.Trace.Entries, entry => entry.Text.Contains("SKEYID", StringComparison.Ordinal));
        var key = Convert.ToHexString(peers.Initiator.Kernel.Outbound.First().EncryptionKey.Span);
        Assert.DoesNotContain(peers.Initiator.Trace.Entries, entry => entry.Text.Contains(key, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Initial_contact_from_a_rebooted_peer_removes_the_stale_sas()
    {
        var peers = new TwoPeers();
        peers.Initiate();

        peers.RebootInitiator();
        peers.Initiate();

        Assert.Contains(peers.Responder.Events.Of<QuickModeEndedEvent>(), e => e.Reason == SaEndReason.InitialContact);
        Assert.Contains(peers.Responder.Events.Of<MainModeEndedEvent>(), e => e.Reason == SaEndReason.InitialContact);
        Assert.Single(peers.Responder.Engine.GetMainModeSas());
        peers.AssertSasPairUp();
    }

    [Fact]
    public void No_initial_contact_while_sas_with_the_peer_exist()
    {
        var peers = new TwoPeers(Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, quickModeLimit: 1));
        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(1));
        var secondPolicy = new ChildPolicy
        {
            Name = "web",
            Local = TrafficSelector.ForHost(TwoPeers.InitiatorAddress, 6, 0),
            Remote = TrafficSelector.ForHost(TwoPeers.ResponderAddress, 6, 443),
            Proposals = [Policies.EspAes128Sha1],
        };

        peers.Initiate(secondPolicy);

        Assert.Empty(peers.Responder.Events.Of<QuickModeEndedEvent>());
        Assert.Equal(2, peers.Responder.Engine.GetQuickModeSas().Count);
    }

    internal static IsakmpMessage Parse(SentDatagram datagram)
    {
        Assert.True(IsakmpMessage.TryParse(datagram.IkeBytes, out var message));
        return message!;
    }

    internal static byte[] KeyFromTrace(TraceLog trace, string name)
    {
        var line = trace.Entries.First(entry => entry.Category == Trace.IkeTraceCategory.Keys && entry.Text.StartsWith(name + " = ", StringComparison.Ordinal));
        return Convert.FromHexString(line.Text[(name.Length + 3)..]);
    }
}
