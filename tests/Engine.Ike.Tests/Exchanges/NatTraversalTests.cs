using System.Net;
using System.Net.Sockets;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;
using Engine.Ike.Events;
using Engine.Ike.Selectors;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

public sealed class NatTraversalTests
{
    private static readonly IPAddress Public = IPAddress.Parse("203.0.113.5");

    /// <summary>A responder that serves any peer (a server behind which clients sit behind NATs).</summary>
    private static IkePolicy AnyPeer() => Policies.Transport(
        TwoPeers.ResponderAddress,
        TwoPeers.InitiatorAddress,
        remoteTraffic: TrafficSelector.Any(AddressFamily.InterNetwork)) is var policy
        ? new IkePolicy
        {
            MainMode = policy.MainMode,
            ChildPolicies = policy.ChildPolicies,
            PreSharedKeys = [PreSharedKeyEntry.FromText(TrafficSelector.Any(AddressFamily.InterNetwork), Policies.Key)],
        }
        : throw new InvalidOperationException();

    [Fact]
    public void Behind_a_nat_main_mode_floats_to_4500_and_esp_is_udp_encapsulated()
    {
        var peers = new TwoPeers(responderPolicy: AnyPeer(), options: new IkeEngineOptions { DeadPeerDetection = new DeadPeerDetectionSettings { Enabled = false } });
        peers.Network.AddNat(TwoPeers.InitiatorAddress, Public);

        peers.Initiate();

        peers.AssertNoFailures();
        var mainMode = peers.Network.Sent.Where(d => d.Exchange == IsakmpExchangeType.MainMode).ToArray();
        Assert.All(mainMode.Take(4), d => Assert.True(d.Destination.Port == 500 || d.Source.Port is 500 or 40000));
        Assert.All(mainMode.Skip(4), d => Assert.True(d.Destination.Port == 4500 || d.Source.Port == 4500));
        Assert.All(mainMode.Skip(4), d => Assert.Equal([0, 0, 0, 0], d.Payload[..4]));
        Assert.Contains(peers.Initiator.Events.Of<PeerInformationEvent>(), e => e.Message.Contains("we are behind a NAT", StringComparison.Ordinal));
        Assert.Contains(peers.Responder.Events.Of<PeerInformationEvent>(), e => e.Message.Contains("the peer is behind a NAT", StringComparison.Ordinal));

        var initiatorOut = peers.Initiator.Kernel.Outbound.Single();
        Assert.NotNull(initiatorOut.Encapsulation);
        Assert.Equal(4500, initiatorOut.Encapsulation!.SourcePort);
        Assert.Equal(4500, initiatorOut.Encapsulation.DestinationPort);
        var responderOut = peers.Responder.Kernel.Outbound.Single();
        Assert.Equal(Public, responderOut.Destination);
        Assert.Equal(4500, responderOut.Encapsulation!.SourcePort);
        Assert.NotEqual(4500, responderOut.Encapsulation.DestinationPort);
        Assert.Equal(TwoPeers.InitiatorAddress, responderOut.PeerOriginalAddress);
        Assert.True(Assert.Single(peers.Responder.Events.Of<QuickModeEstablishedEvent>()).UdpEncapsulated);
        Assert.Contains(peers.Initiator.Trace.Entries, e => e.Text.Contains("UdpTransport", StringComparison.Ordinal));
        Assert.Contains(peers.Initiator.Trace.Entries, e => e.Text.Contains("NAT-OA(", StringComparison.Ordinal));
    }

    [Fact]
    public void The_side_behind_the_nat_sends_keepalives_every_20_seconds()
    {
        var peers = new TwoPeers(responderPolicy: AnyPeer(), options: new IkeEngineOptions { DeadPeerDetection = new DeadPeerDetectionSettings { Enabled = false } });
        peers.Network.AddNat(TwoPeers.InitiatorAddress, Public);
        peers.Initiate();

        peers.Advance(TimeSpan.FromSeconds(61), TimeSpan.FromSeconds(1));

        var keepalives = peers.Network.Sent.Where(d => d.IsKeepalive).ToArray();
        Assert.Equal(3, keepalives.Length);
        Assert.All(keepalives, k => Assert.Equal(Public, k.Source.Address));
        Assert.All(keepalives, k => Assert.Equal(4500, k.Destination.Port));
        Assert.Equal(TimeSpan.FromSeconds(20), keepalives[1].Time - keepalives[0].Time);
        Assert.DoesNotContain(peers.Network.Sent, d => d.IsKeepalive && d.Source.Address.Equals(TwoPeers.ResponderAddress));

        // Behind the NAT the outer addresses differ per side; the SPIs and keys still pair up.
        var initiatorOut = peers.Initiator.Kernel.Outbound.Single();
        var responderIn = peers.Responder.Kernel.Inbound.Single();
        Assert.Equal(initiatorOut.Id.Spi, responderIn.Id.Spi);
        Assert.Equal(initiatorOut.EncryptionKey.ToArray(), responderIn.EncryptionKey.ToArray());
        Assert.Equal(initiatorOut.IntegrityKey.ToArray(), responderIn.IntegrityKey.ToArray());
    }

    [Fact]
    public void Without_a_nat_nothing_floats_and_esp_is_not_encapsulated()
    {
        var peers = new TwoPeers();

        peers.Initiate();

        Assert.All(peers.Network.Sent, d => Assert.Equal(500, d.Destination.Port));
        Assert.Null(peers.Initiator.Kernel.Outbound.Single().Encapsulation);
        Assert.DoesNotContain(peers.Initiator.Trace.Entries, e => e.Text.Contains("NAT-OA(", StringComparison.Ordinal));
    }

    [Fact]
    public void With_nat_traversal_off_no_nat_t_vendor_ids_or_nat_d_are_sent()
    {
        var off = new IkeEngineOptions { NatTraversal = new NatTraversalSettings { Enabled = false } };
        var peers = new TwoPeers(options: off);

        peers.Initiate();

        peers.AssertNoFailures();
        Assert.DoesNotContain(peers.Initiator.Trace.Entries, e => e.Text.Contains("NAT-T)", StringComparison.Ordinal) && e.Category == Trace.IkeTraceCategory.Send);
        Assert.DoesNotContain(peers.Initiator.Trace.Entries, e => e.Text.Contains("NAT-D", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quick_mode_after_the_float_stays_on_4500()
    {
        var peers = new TwoPeers(responderPolicy: AnyPeer(), options: new IkeEngineOptions { DeadPeerDetection = new DeadPeerDetectionSettings { Enabled = false } });
        peers.Network.AddNat(TwoPeers.InitiatorAddress, Public);
        peers.Initiate();

        peers.Initiate(new QuickModeRequest(peers.Initiator.Policy.ChildPolicies[0], TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress,
            TrafficSelector.ForHost(TwoPeers.InitiatorAddress, 17, 1701), TrafficSelector.ForHost(TwoPeers.ResponderAddress, 17, 1701)));

        peers.AssertNoFailures();
        Assert.All(peers.Network.Sent.Where(d => d.Exchange == IsakmpExchangeType.QuickMode), d => Assert.True(d.Source.Port == 4500 || d.Destination.Port == 4500));
        Assert.Equal(2, peers.Responder.Engine.GetQuickModeSas().Count);
    }

    [Fact]
    public void Peers_that_announce_only_the_drafts_use_the_draft_numbers()
    {
        var peers = new TwoPeers(responderPolicy: AnyPeer(), options: new IkeEngineOptions { DeadPeerDetection = new DeadPeerDetectionSettings { Enabled = false } });
        peers.Network.AddNat(TwoPeers.InitiatorAddress, Public);

        // Old Windows and macOS: no RFC 3947 vendor ID in messages 1 and 2 (vendor IDs are not hashed).
        peers.Network.Replace(d => d.Exchange == IsakmpExchangeType.MainMode && !d.IsEncrypted && d.Payload.Length > 100, WithoutRfc3947, count: 2);
        peers.Initiate();

        peers.AssertNoFailures();
        Assert.Contains(peers.Initiator.Trace.Entries, e => e.Category == Trace.IkeTraceCategory.Send && e.Text.Contains("NAT-D(draft)", StringComparison.Ordinal));
        Assert.Contains(peers.Initiator.Trace.Entries, e => e.Text.Contains("UdpTransportDraft", StringComparison.Ordinal));
        Assert.Contains(peers.Initiator.Trace.Entries, e => e.Category == Trace.IkeTraceCategory.Send && e.Text.Contains("NAT-OA(", StringComparison.Ordinal));
        Assert.NotNull(peers.Responder.Kernel.Outbound.Single().Encapsulation);
    }

    private static byte[] WithoutRfc3947(byte[] datagram)
    {
        Assert.True(IsakmpMessage.TryParse(datagram, out var message));
        var kept = message!.Payloads.Where(p => p is not VendorIdPayload vid || vid.Identify()?.VendorId != VendorIdCatalog.NatTraversalRfc3947);
        return new IsakmpMessage(message.Header, kept).ToArray();
    }
}
