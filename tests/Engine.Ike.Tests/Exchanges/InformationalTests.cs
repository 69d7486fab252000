using System.Net;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Network;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

public sealed class InformationalTests
{
    [Fact]
    public void The_initiator_deletes_a_quick_mode_sa_and_the_responder_follows()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        var id = Assert.Single(peers.Initiator.Engine.GetQuickModeSas()).Id;

        Assert.True(peers.Initiator.Engine.DeleteQuickModeSa(id));
        peers.Network.Deliver();

        Assert.Equal(SaEndReason.DeletedLocally, Assert.Single(peers.Initiator.Events.Of<QuickModeEndedEvent>()).Reason);
        var ended = Assert.Single(peers.Responder.Events.Of<QuickModeEndedEvent>());
        Assert.Equal(SaEndReason.DeletedByPeer, ended.Reason);
        Assert.Equal(AuditEventId.QuickModeSaEnded, ended.AuditId);
        Assert.Empty(peers.Initiator.Kernel.Installed);
        Assert.Empty(peers.Responder.Kernel.Installed);
        Assert.Single(peers.Responder.Engine.GetMainModeSas());
        var delete = peers.SentBy(peers.Initiator).Last();
        Assert.Equal(IsakmpExchangeType.Informational, delete.Exchange);
        Assert.True(delete.IsEncrypted);
    }

    [Fact]
    public void The_responder_deletes_a_quick_mode_sa_and_the_initiator_follows()
    {
        var peers = new TwoPeers();
        peers.Initiate();

        peers.Responder.Engine.DeleteQuickModeSa(Assert.Single(peers.Responder.Engine.GetQuickModeSas()).Id);
        peers.Network.Deliver();

        Assert.Equal(SaEndReason.DeletedByPeer, Assert.Single(peers.Initiator.Events.Of<QuickModeEndedEvent>()).Reason);
        Assert.Empty(peers.Initiator.Kernel.Installed);
        Assert.Empty(peers.Responder.Kernel.Installed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Deleting_the_main_mode_sa_ends_it_on_both_sides_and_leaves_the_quick_mode_sas(bool fromInitiator)
    {
        var peers = new TwoPeers();
        peers.Initiate();
        var (deleter, other) = fromInitiator ? (peers.Initiator, peers.Responder) : (peers.Responder, peers.Initiator);

        Assert.True(deleter.Engine.DeleteMainModeSa(Assert.Single(deleter.Engine.GetMainModeSas()).Id));
        peers.Network.Deliver();

        Assert.Equal(SaEndReason.DeletedLocally, Assert.Single(deleter.Events.Of<MainModeEndedEvent>()).Reason);
        var ended = Assert.Single(other.Events.Of<MainModeEndedEvent>());
        Assert.Equal(SaEndReason.DeletedByPeer, ended.Reason);
        Assert.Equal(AuditEventId.MainModeSaEnded, ended.AuditId);
        Assert.Empty(peers.Initiator.Engine.GetMainModeSas());
        Assert.Empty(peers.Responder.Engine.GetMainModeSas());
        peers.AssertSasPairUp();
    }

    [Fact]
    public void A_quick_mode_sa_whose_main_mode_is_gone_is_deleted_silently_and_a_new_request_starts_main_mode_again()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        peers.Initiator.Engine.DeleteMainModeSa(peers.Initiator.Engine.GetMainModeSas()[0].Id);
        peers.Network.Deliver();
        var sent = peers.Network.Sent.Count;

        peers.Initiator.Engine.DeleteQuickModeSa(peers.Initiator.Engine.GetQuickModeSas()[0].Id);
        peers.Network.Deliver();

        Assert.Equal(sent, peers.Network.Sent.Count);
        peers.Initiate();
        Assert.Equal(2, peers.Initiator.Events.Of<MainModeEstablishedEvent>().Count());
        Assert.Equal(2, peers.Initiator.Events.Of<QuickModeEstablishedEvent>().Count());
    }

    [Fact]
    public void Stopping_the_engine_deletes_everything_and_tells_the_peer()
    {
        var peers = new TwoPeers();
        peers.Initiate();

        peers.Initiator.Engine.Dispose();
        peers.Network.Deliver();

        Assert.Equal(SaEndReason.Shutdown, Assert.Single(peers.Initiator.Events.Of<QuickModeEndedEvent>()).Reason);
        Assert.Equal(SaEndReason.Shutdown, Assert.Single(peers.Initiator.Events.Of<MainModeEndedEvent>()).Reason);
        Assert.Equal(SaEndReason.DeletedByPeer, Assert.Single(peers.Responder.Events.Of<QuickModeEndedEvent>()).Reason);
        Assert.Equal(SaEndReason.DeletedByPeer, Assert.Single(peers.Responder.Events.Of<MainModeEndedEvent>()).Reason);
        Assert.Empty(peers.Responder.Kernel.Installed);
        Assert.Empty(peers.Responder.Engine.GetMainModeSas());
    }

    [Fact]
    public void A_delete_with_a_bad_hash_is_ignored()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        peers.Network.DropAll(d => d.Exchange == IsakmpExchangeType.Informational);
        peers.Initiator.Engine.DeleteQuickModeSa(peers.Initiator.Engine.GetQuickModeSas()[0].Id);
        peers.Network.Deliver();
        var delete = Assert.Single(peers.Network.Dropped);
        var tampered = delete.Payload.ToArray();
        tampered[^1] ^= 0x55;

        peers.Responder.Engine.Receive(new IkeDatagram(tampered, delete.Destination, delete.Source));

        Assert.Single(peers.Responder.Engine.GetQuickModeSas());
        Assert.Empty(peers.Responder.Events.Of<QuickModeEndedEvent>());
        Assert.Contains(peers.Responder.Trace.Entries, e => e.Text.Contains("HASH(1) does not verify", StringComparison.Ordinal) || e.Text.StartsWith("malformed Informational", StringComparison.Ordinal));
        Assert.DoesNotContain(peers.Network.Sent, d => d.Source.Address.Equals(TwoPeers.ResponderAddress) && d.Exchange == IsakmpExchangeType.Informational);
    }

    [Fact]
    public void A_malformed_main_mode_message_is_answered_with_payload_malformed()
    {
        var peers = new TwoPeers();
        var header = new IsakmpHeader { InitiatorSpi = 0x0102030405060708, ExchangeType = IsakmpExchangeType.MainMode };
        var malformed = new IsakmpMessage(header, [new NoncePayload(new byte[16])]).ToArray();

        // The nonce's payload length now runs 235 bytes past the end of the message.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(malformed.AsSpan(IsakmpHeader.Size + 2), 0xFF);

        peers.Responder.Engine.Receive(new IkeDatagram(malformed, new IPEndPoint(TwoPeers.ResponderAddress, 500), new IPEndPoint(TwoPeers.InitiatorAddress, 500)));

        var failure = peers.SingleFailure(peers.Responder);
        Assert.Equal(NegotiationFailureReason.PayloadMalformed, failure.Reason);
        var answer = MainModeTests.Parse(Assert.Single(peers.Network.Sent));
        Assert.Equal(IsakmpExchangeType.Informational, answer.Header.ExchangeType);
        Assert.Equal(IsakmpNotifyType.PayloadMalformed, answer.Find<NotificationPayload>()!.NotifyType);
        Assert.Empty(peers.Responder.Engine.GetMainModeSas());
    }

    [Fact]
    public void A_payload_that_main_mode_does_not_allow_is_refused_by_the_message_rules()
    {
        var peers = new TwoPeers();
        var header = new IsakmpHeader { InitiatorSpi = 0x0102030405060708, ExchangeType = IsakmpExchangeType.MainMode };
        var message = new IsakmpMessage(header, [DeletePayload.ForIpsecSpis(IsakmpProtocolId.Esp, [0x1000u])]).ToArray();

        peers.Responder.Engine.Receive(new IkeDatagram(message, new IPEndPoint(TwoPeers.ResponderAddress, 500), new IPEndPoint(TwoPeers.InitiatorAddress, 500)));

        var failure = peers.SingleFailure(peers.Responder);
        Assert.Equal(NegotiationFailureReason.PayloadMalformed, failure.Reason);
        Assert.Equal(IsakmpNotifyType.InvalidPayloadType, failure.Notification);
        Assert.Contains("not allowed", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_datagram_for_no_sa_is_dropped_without_an_answer()
    {
        var peers = new TwoPeers();
        var header = new IsakmpHeader { InitiatorSpi = 1, ResponderSpi = 2, ExchangeType = IsakmpExchangeType.QuickMode, MessageId = 7 };
        var message = new IsakmpMessage(header, [new HashPayload(new byte[20])]).ToArray();

        peers.Responder.Engine.Receive(new IkeDatagram(message, new IPEndPoint(TwoPeers.ResponderAddress, 500), new IPEndPoint(TwoPeers.InitiatorAddress, 500)));

        Assert.Empty(peers.Network.Sent);
        Assert.Empty(peers.Responder.Events.Events);
    }
}
