using System;
using System.Net;
using System.Threading.Tasks;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Spd;
using Engine.Host.Ipsec;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Tests.Ipsec;

/// <summary>
/// What happens when a negotiation does not succeed, on a fake clock: fallback to clear (a soft
/// SA for five minutes) for a soft filter whose peer does not answer, the failure block otherwise.
/// Every call runs on the work queue, as in the enforcer.
/// </summary>
public sealed class NegotiationOutcomesTests : IAsyncDisposable
{
    private static readonly IPAddress Local = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Peer = IPAddress.Parse("198.51.100.7");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly IpsecDataPlane dataPlane;
    private readonly SerialWorkQueue queue;
    private readonly NegotiationOutcomes outcomes;
    private int softSaChanges;

    public NegotiationOutcomesTests()
    {
        dataPlane = new IpsecDataPlane(null, null, null, clock);
        queue = new SerialWorkQueue(e => throw new InvalidOperationException("a work item failed", e));
        outcomes = new NegotiationOutcomes(dataPlane, queue, clock, NullLogger.Instance)
        {
            FallbackToClearSeconds = 3,
            NegotiationFailureBlockSeconds = 60,
        };
        outcomes.SoftSasChanged += () => softSaChanges++;
    }

    public async ValueTask DisposeAsync()
    {
        await queue.DisposeAsync();
        dataPlane.Dispose();
    }

    [Fact]
    public void A_peer_that_does_not_answer_within_the_fallback_time_gets_a_soft_sa()
    {
        On(() => outcomes.NegotiationStarted(Local, Peer, () => false));

        Advance(TimeSpan.FromMilliseconds(2900));
        Assert.Empty(On(outcomes.SoftSas));
        Assert.Equal(0, softSaChanges);

        Advance(TimeSpan.FromMilliseconds(100));
        var soft = Assert.Single(On(outcomes.SoftSas));
        Assert.Equal(new SelectorPair(IkeSelector.ForHost(Local), IkeSelector.ForHost(Peer)), soft);
        Assert.Equal(1, softSaChanges);
        Assert.False(On(() => outcomes.IsBlocked(Local, Peer)));
    }

    [Fact]
    public void The_fallback_time_is_the_configured_one()
    {
        outcomes.FallbackToClearSeconds = 10;
        On(() => outcomes.NegotiationStarted(Local, Peer, () => false));

        Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(On(outcomes.SoftSas));
        Advance(TimeSpan.FromSeconds(1));
        Assert.Single(On(outcomes.SoftSas));
    }

    [Fact]
    public void No_fallback_when_an_sa_came_up_meanwhile()
    {
        On(() => outcomes.NegotiationStarted(Local, Peer, () => true));

        Advance(TimeSpan.FromSeconds(10));

        Assert.Empty(On(outcomes.SoftSas));
        Assert.Equal(0, softSaChanges);
    }

    [Fact]
    public void Secured_cancels_a_pending_fallback()
    {
        var asked = 0;
        On(() => outcomes.NegotiationStarted(Local, Peer, () => { asked++; return false; }));
        Advance(TimeSpan.FromSeconds(1));

        On(() => outcomes.Secured(Local, Peer));
        Advance(TimeSpan.FromSeconds(10));

        Assert.Empty(On(outcomes.SoftSas));
        Assert.Equal(0, asked);
        Assert.Equal(0, softSaChanges);
    }

    [Fact]
    public void A_soft_sa_lasts_five_minutes_then_the_traffic_is_negotiated_again()
    {
        On(() => outcomes.NegotiationStarted(Local, Peer, () => false));
        Advance(TimeSpan.FromSeconds(3));
        Assert.Single(On(outcomes.SoftSas));

        // While it lasts, new negotiations for the pair do not start another fallback.
        On(() => outcomes.NegotiationStarted(Local, Peer, () => false));
        Advance(NegotiationOutcomes.SoftSaLifetime - TimeSpan.FromSeconds(1));
        Assert.Single(On(outcomes.SoftSas));
        Assert.Equal(1, softSaChanges);

        Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(On(outcomes.SoftSas));
        Assert.Equal(2, softSaChanges);
        Assert.Equal(TimeSpan.FromMinutes(5), NegotiationOutcomes.SoftSaLifetime);
    }

    [Fact]
    public void Secured_ends_a_soft_sa()
    {
        On(() => outcomes.NegotiationStarted(Local, Peer, () => false));
        Advance(TimeSpan.FromSeconds(3));

        On(() => outcomes.Secured(Local, Peer));

        Assert.Empty(On(outcomes.SoftSas));
        Assert.Equal(2, softSaChanges);
        Advance(NegotiationOutcomes.SoftSaLifetime);
        Assert.Equal(2, softSaChanges);
    }

    [Fact]
    public void Soft_sas_are_kept_per_pair_of_hosts()
    {
        var other = IPAddress.Parse("2001:db8::7");
        var localV6 = IPAddress.Parse("2001:db8::10");
        On(() => outcomes.NegotiationStarted(Local, Peer, () => false));
        On(() => outcomes.NegotiationStarted(localV6, other, () => false));
        Advance(TimeSpan.FromSeconds(3));

        On(() => outcomes.Secured(Local, Peer));

        var soft = Assert.Single(On(outcomes.SoftSas));
        Assert.Equal(IkeSelector.ForHost(other), soft.Remote);
    }

    [Fact]
    public void A_failed_negotiation_blocks_the_pair_for_the_block_time()
    {
        On(() => outcomes.Failed(Local, Peer, noResponse: false));

        var block = Assert.Single(dataPlane.GetPolicies());
        Assert.Equal(SpdAction.Discard, block.Action);
        Assert.True(block.Priority < 0, "a block comes before every trap and instance");
        Assert.Equal(TrafficSelector.Between(AddressRange.Host(Local), AddressRange.Host(Peer)), block.Selector);
        Assert.True(On(() => outcomes.IsBlocked(Local, Peer)));
        Assert.False(On(() => outcomes.IsBlocked(Peer, Local)));

        Advance(TimeSpan.FromSeconds(59));
        Assert.Single(dataPlane.GetPolicies());

        Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(dataPlane.GetPolicies());
        Assert.False(On(() => outcomes.IsBlocked(Local, Peer)));
    }

    [Fact]
    public void A_second_failure_replaces_the_block_and_starts_its_time_again()
    {
        On(() => outcomes.Failed(Local, Peer, noResponse: false));
        var first = Assert.Single(dataPlane.GetPolicies()).Id;
        Advance(TimeSpan.FromSeconds(30));

        On(() => outcomes.Failed(Local, Peer, noResponse: true));
        var second = Assert.Single(dataPlane.GetPolicies()).Id;
        Assert.NotEqual(first, second);

        Advance(TimeSpan.FromSeconds(59));
        Assert.True(On(() => outcomes.IsBlocked(Local, Peer)));
        Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(dataPlane.GetPolicies());
    }

    [Fact]
    public void No_block_when_a_fallback_is_pending_for_a_peer_that_did_not_answer()
    {
        On(() => outcomes.NegotiationStarted(Local, Peer, () => false));

        On(() => outcomes.Failed(Local, Peer, noResponse: true));
        Assert.Empty(dataPlane.GetPolicies());

        // The fallback takes the traffic; later failures while the soft SA lasts do not block it either.
        Advance(TimeSpan.FromSeconds(3));
        On(() => outcomes.Failed(Local, Peer, noResponse: false));
        Assert.Empty(dataPlane.GetPolicies());
        Assert.Single(On(outcomes.SoftSas));
    }

    [Fact]
    public void A_refusal_blocks_even_while_a_fallback_is_pending()
    {
        On(() => outcomes.NegotiationStarted(Local, Peer, () => false));

        On(() => outcomes.Failed(Local, Peer, noResponse: false));

        Assert.Equal(SpdAction.Discard, Assert.Single(dataPlane.GetPolicies()).Action);
    }

    [Fact]
    public void A_block_time_of_zero_blocks_nothing()
    {
        outcomes.NegotiationFailureBlockSeconds = 0;

        On(() => outcomes.Failed(Local, Peer, noResponse: false));

        Assert.Empty(dataPlane.GetPolicies());
        Assert.False(On(() => outcomes.IsBlocked(Local, Peer)));
    }

    [Fact]
    public void A_block_discards_the_pairs_packets_in_the_data_plane()
    {
        dataPlane.AddPolicy(new SpdEntry { Id = 1, Priority = 1, ReqId = 1, Selector = TrafficSelector.Any, HoldPacketsWhileAcquiring = true });
        var tun = new Support.MemoryTun("outcomes");
        var loop = dataPlane.CreateOutboundLoop(tun);
        On(() => outcomes.Failed(Local, Peer, noResponse: false));

        tun.Inject(Support.IpPackets.UdpPacket(Local, Peer, 1, 2, [1]));
        loop.ProcessNext();
        tun.Inject(Support.IpPackets.UdpPacket(Local, IPAddress.Parse("198.51.100.8"), 1, 2, [1]));
        loop.ProcessNext();

        var statistics = dataPlane.GetStatistics();
        Assert.Equal(1, statistics.OutboundDiscarded);
        Assert.Equal(1, statistics.AcquiresReported);
    }

    [Fact]
    public void Reset_forgets_fallbacks_soft_sas_and_blocks()
    {
        var pending = IPAddress.Parse("198.51.100.9");
        On(() => outcomes.NegotiationStarted(Local, Peer, () => false));
        Advance(TimeSpan.FromSeconds(3));
        On(() => outcomes.NegotiationStarted(Local, pending, () => false));
        On(() => outcomes.Failed(Local, IPAddress.Parse("198.51.100.10"), noResponse: false));
        Assert.Single(dataPlane.GetPolicies());
        Assert.Equal(1, softSaChanges);

        On(outcomes.Reset);

        Assert.Empty(On(outcomes.SoftSas));
        Assert.Empty(dataPlane.GetPolicies());
        Assert.Equal(2, softSaChanges);
        Advance(NegotiationOutcomes.SoftSaLifetime + TimeSpan.FromMinutes(1));
        Assert.Empty(On(outcomes.SoftSas)); // the pending fallback never fires
        Assert.Equal(2, softSaChanges);

        // Reset with nothing in force announces nothing.
        On(outcomes.Reset);
        Assert.Equal(2, softSaChanges);
    }

    private void On(Action action) => queue.RunAsync(action).Wait(TimeSpan.FromSeconds(10));

    private T On<T>(Func<T> function)
    {
        T result = default!;
        On(() => { result = function(); });
        return result;
    }

    /// <summary>Lets time pass in 100 ms steps; what each step's timers queued has run before the next.</summary>
    private void Advance(TimeSpan time)
    {
        var end = clock.GetUtcNow() + time;
        while (clock.GetUtcNow() < end)
        {
            var left = end - clock.GetUtcNow();
            clock.Advance(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
            On(() => { });
        }
    }
}
