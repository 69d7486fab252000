using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.L2tp.Reliable;
using Engine.L2tp.Tests.L2tp.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Reliable;

/// <summary>
/// The reliable control channel of RFC 2661 section 5.8 (and appendix A's slow start) on a fake
/// clock, with an in-memory send callback: loss, duplication, reordering, the windows and
/// retransmission exhaustion.
/// </summary>
public sealed class ControlChannelTests : IDisposable
{
    private static readonly byte[] HelloBody = Hex.Parse("8008 0000 0000 0006");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Owner owner = new();
    private ControlChannel channel;

    public ControlChannelTests()
    {
        channel = Create(new ControlChannelOptions());
    }

    [Fact]
    public void MessagesCarryConsecutiveNsAndTheCurrentNr()
    {
        channel = Create(new ControlChannelOptions { SlowStart = false });
        channel.PeerReceiveWindowSize = 8;

        channel.Send(HelloBody, 0x1234, 0);
        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);
        channel.Send(HelloBody, 0x1234, 7);

        var first = owner.Header(0);
        var second = owner.Header(1);
        Assert.Equal((0, 0, 0x1234), (first.Ns, first.Nr, first.TunnelId));
        Assert.Equal((1, 1, 7), (second.Ns, second.Nr, second.SessionId));
        Assert.Equal(HelloBody, owner.Sent[1][12..]);
    }

    [Fact]
    public void LostMessageIsRetransmittedWithExponentialBackoffThenTheTunnelIsGivenUp()
    {
        channel.Send(HelloBody, 1, 0);
        var sentAt = new List<double>();
        for (var second = 0; second <= 60 && !owner.Exhausted; second++)
        {
            while (owner.Sent.Count > sentAt.Count)
            {
                sentAt.Add(second);
            }

            time.Advance(TimeSpan.FromSeconds(1));
        }

        // Sent at 0, retransmitted 1, 2, 4, 8 and 16 (capped) s later; given up 16 s after the fifth.
        Assert.Equal(new double[] { 0, 1, 3, 7, 15, 31 }, sentAt);
        Assert.True(owner.Exhausted);
        Assert.True(channel.IsStopped);
        Assert.Equal(TimeSpan.FromSeconds(47), time.GetUtcNow() - new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(5, channel.Counters.Retransmissions);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(0, owner.Header(i).Ns));
    }

    [Fact]
    public void AcknowledgmentStopsRetransmission()
    {
        channel.Send(HelloBody, 1, 0);
        time.Advance(TimeSpan.FromMilliseconds(500));
        channel.Receive(Peer(ns: 0, nr: 1), default);

        time.Advance(TimeSpan.FromSeconds(60));

        Assert.Single(owner.Sent);
        Assert.True(channel.IsIdle);
        Assert.False(owner.Exhausted);
    }

    [Fact]
    public void RetransmissionCarriesTheNrOfWhatArrivedMeanwhile()
    {
        channel.Send(HelloBody, 1, 0);
        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);
        channel.Receive(Peer(ns: 1, nr: 0, HelloBody), HelloBody);

        time.Advance(TimeSpan.FromSeconds(1));

        var retransmission = owner.Headers().Last(header => !header.IsZeroLengthBody);
        Assert.Equal((0, 2), (retransmission.Ns, retransmission.Nr));
    }

    [Fact]
    public void DuplicateIsDeliveredOnceAndAcknowledgedAgainAtOnce()
    {
        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(owner.Sent);

        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);

        Assert.Single(owner.Delivered);
        Assert.Equal(2, owner.Sent.Count);
        var zlb = owner.Header(1);
        Assert.True(zlb.IsZeroLengthBody);
        Assert.Equal(1, zlb.Nr);
        Assert.Equal(1, channel.Counters.DuplicatesReceived);
    }

    [Fact]
    public void OutOfOrderMessagesAreHeldUntilTheGapFills()
    {
        var second = Hex.Parse("8008 0000 0000 0006 8009 0000 0007 6c6e73");
        channel.Receive(Peer(ns: 1, nr: 0, second), second);
        Assert.Empty(owner.Delivered);

        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);

        Assert.Equal(new[] { 0, 1 }, owner.Delivered.Select(delivered => (int)delivered.Header.Ns));
        Assert.Equal(second, owner.Delivered[1].Body);
        Assert.Equal(2, channel.ExpectedSequence);
        Assert.Equal(1, channel.Counters.OutOfOrderHeld);
    }

    [Fact]
    public void MessagesBeyondTheReceiveWindowAreDropped()
    {
        // Window 4 with Ns 0 expected: 1..3 may be held, 4 may not.
        channel.Receive(Peer(ns: 4, nr: 0, HelloBody), HelloBody);
        channel.Receive(Peer(ns: 3, nr: 0, HelloBody), HelloBody);
        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);

        Assert.Single(owner.Delivered);
        Assert.Equal(1, channel.Counters.OutsideWindowDropped);
        Assert.Equal(1, channel.Counters.OutOfOrderHeld);
    }

    [Fact]
    public void AcknowledgmentWaitsAQuarterSecondForAReplyToCarryIt()
    {
        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Empty(owner.Sent);

        time.Advance(TimeSpan.FromMilliseconds(50));

        var zlb = Assert.Single(owner.Headers());
        Assert.True(zlb.IsZeroLengthBody);
        Assert.Equal((0, 1), (zlb.Ns, zlb.Nr));
    }

    [Fact]
    public void ReplyCarriesTheAcknowledgmentSoNoZeroLengthBodyFollows()
    {
        owner.OnDeliver = () => channel.Send(HelloBody, 1, 0);
        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);

        time.Advance(TimeSpan.FromMilliseconds(900));

        var reply = Assert.Single(owner.Headers());
        Assert.False(reply.IsZeroLengthBody);
        Assert.Equal(1, reply.Nr);
        Assert.Equal(0, channel.Counters.ZeroLengthBodiesSent);
    }

    [Fact]
    public void WindowFullHoldsMessagesUntilTheyAreAcknowledged()
    {
        channel = Create(new ControlChannelOptions { SlowStart = false });
        channel.PeerReceiveWindowSize = 2;
        for (var i = 0; i < 5; i++)
        {
            channel.Send(HelloBody, 1, 0);
        }

        Assert.Equal(2, owner.Sent.Count);
        Assert.Equal(3, channel.Waiting);

        channel.Receive(Peer(ns: 0, nr: 1), default);
        Assert.Equal(3, owner.Sent.Count);
        Assert.Equal(2, owner.Header(2).Ns);

        channel.Receive(Peer(ns: 0, nr: 3), default);
        Assert.Equal(5, owner.Sent.Count);
        Assert.Equal(0, channel.Waiting);
    }

    [Fact]
    public void SlowStartOpensTheCongestionWindowOneMessagePerAcknowledgment()
    {
        channel.PeerReceiveWindowSize = 8;
        for (var i = 0; i < 8; i++)
        {
            channel.Send(HelloBody, 1, 0);
        }

        Assert.Single(owner.Sent);
        channel.Receive(Peer(ns: 0, nr: 1), default);
        Assert.Equal(3, owner.Sent.Count);
        Assert.Equal(2, channel.CongestionWindow);
        channel.Receive(Peer(ns: 0, nr: 3), default);
        Assert.Equal(4, channel.CongestionWindow);
        Assert.Equal(7, owner.Sent.Count);
    }

    [Fact]
    public void TimeoutShrinksTheCongestionWindowToOne()
    {
        channel.PeerReceiveWindowSize = 8;
        channel.Send(HelloBody, 1, 0);
        channel.Receive(Peer(ns: 0, nr: 1), default);
        channel.Send(HelloBody, 1, 0);
        channel.Send(HelloBody, 1, 0);
        Assert.Equal(2, channel.CongestionWindow);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, channel.CongestionWindow);
        Assert.Equal(2, channel.InFlight);
    }

    [Fact]
    public void AcknowledgmentOfMessagesNeverSentIsIgnored()
    {
        channel.Send(HelloBody, 1, 0);
        channel.Receive(Peer(ns: 0, nr: 5), default);

        Assert.Equal(1, channel.InFlight);
        Assert.Equal(1, channel.Counters.InvalidAcknowledgments);
    }

    [Fact]
    public void ZeroLengthBodyOnlyAcknowledges()
    {
        channel.Receive(Peer(ns: 0, nr: 0), default);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(owner.Delivered);
        Assert.Empty(owner.Sent);
        Assert.Equal(0, channel.ExpectedSequence);
    }

    [Fact]
    public void AbandonedOutgoingMessagesAreNotRetransmittedButDuplicatesAreStillAcknowledged()
    {
        channel.Send(HelloBody, 1, 0);
        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);
        channel.AbandonOutgoing();
        time.Advance(TimeSpan.FromSeconds(30));
        var sent = owner.Sent.Count;

        channel.Receive(Peer(ns: 0, nr: 0, HelloBody), HelloBody);

        Assert.Equal(sent + 1, owner.Sent.Count);
        Assert.True(owner.Header(sent).IsZeroLengthBody);
        Assert.False(owner.Exhausted);
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(65535, 0, true)]
    [InlineData(1, 0, false)]
    [InlineData(0, 32767, true)]
    [InlineData(0, 32768, false)]
    [InlineData(5, 5, false)]
    public void SequenceNumbersCompareModulo65536(int value, int reference, bool before)
    {
        Assert.Equal(before, SequenceNumber.IsBefore((ushort)value, (ushort)reference));
    }

    [Fact]
    public void FullRetransmissionCycleIsThirtyOneSecondsWithTheDefaults()
    {
        Assert.Equal(TimeSpan.FromSeconds(31), new ControlChannelOptions().FullRetransmissionCycle);
    }

    public void Dispose() => channel.Dispose();

    private static L2tpHeader Peer(ushort ns, ushort nr, byte[]? body = null)
    {
        var datagram = new byte[12 + (body?.Length ?? 0)];
        L2tpHeader.WriteControl(datagram, datagram.Length, 1, 0, ns, nr);
        body?.CopyTo(datagram, 12);
        L2tpHeader.TryRead(datagram, out var header);
        return header;
    }

    private ControlChannel Create(ControlChannelOptions options)
    {
        channel?.Dispose();
        owner.Sent.Clear();
        return new ControlChannel(options, time, owner, new Lock());
    }

    private sealed class Owner : IControlChannelOwner
    {
        public List<byte[]> Sent { get; } = new();

        public List<(L2tpHeader Header, byte[] Body)> Delivered { get; } = new();

        public bool Exhausted { get; private set; }

        public Action? OnDeliver { get; set; }

        public L2tpHeader Header(int index)
        {
            L2tpHeader.TryRead(Sent[index], out var header);
            return header;
        }

        public IEnumerable<L2tpHeader> Headers() => Enumerable.Range(0, Sent.Count).Select(Header);

        public void Transmit(ReadOnlySpan<byte> datagram) => Sent.Add(datagram.ToArray());

        public void Deliver(in L2tpHeader header, ReadOnlySpan<byte> body)
        {
            Delivered.Add((header, body.ToArray()));
            OnDeliver?.Invoke();
        }

        public void RetransmissionsExhausted() => Exhausted = true;
    }
}
