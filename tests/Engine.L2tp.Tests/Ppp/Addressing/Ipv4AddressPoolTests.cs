using System.Threading.Tasks;
using System.Net;
using Engine.L2tp.Ppp.Addressing;

namespace Engine.L2tp.Tests.Ppp.Addressing;

public sealed class Ipv4AddressPoolTests
{
    [Fact]
    public void Parses_a_range_and_hands_out_addresses_in_order()
    {
        var pool = Ipv4AddressPool.Parse("192.168.50.10-192.168.50.200");
        Assert.Equal(191, pool.Capacity);

        var first = pool.TryLease("alice", out _)!;
        var second = pool.TryLease("bob", out _)!;

        Assert.Equal(IPAddress.Parse("192.168.50.10"), first.Address);
        Assert.Equal(IPAddress.Parse("192.168.50.11"), second.Address);
        Assert.False(first.IsStatic);
        Assert.Equal(2, pool.InUse);
    }

    [Theory]
    [InlineData("192.168.50.10")]
    [InlineData("192.168.50.10-192.168.50.10")]
    public void A_single_address_is_a_range_of_one(string range)
    {
        var pool = Ipv4AddressPool.Parse(range);
        Assert.NotNull(pool.TryLease(null, out _));
        Assert.Null(pool.TryLease(null, out var failure));
        Assert.Equal(AddressAllocationFailure.PoolExhausted, failure);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("192.168.50.10-x")]
    [InlineData("2001:db8::1-2001:db8::9")]
    public void Rejects_what_is_not_an_ipv4_range(string range)
    {
        Assert.Throws<FormatException>(() => Ipv4AddressPool.Parse(range));
    }

    [Fact]
    public void Rejects_a_range_that_ends_before_it_starts()
    {
        Assert.Throws<ArgumentException>(() => Ipv4AddressPool.Parse("192.168.50.20-192.168.50.10"));
    }

    [Fact]
    public void Released_addresses_are_reused_last()
    {
        var pool = Ipv4AddressPool.Parse("10.0.0.1-10.0.0.3");
        var a = pool.TryLease(null, out _)!;
        pool.TryLease(null, out _);
        a.Dispose();
        a.Dispose();

        Assert.Equal(IPAddress.Parse("10.0.0.3"), pool.TryLease(null, out _)!.Address);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), pool.TryLease(null, out _)!.Address);
        Assert.Null(pool.TryLease(null, out _));
    }

    [Fact]
    public void Static_addresses_go_to_their_user_only()
    {
        var pool = Ipv4AddressPool.Parse("10.0.0.1-10.0.0.3");
        pool.SetStaticAddress("Carol", IPAddress.Parse("10.0.0.1"));
        Assert.Equal(2, pool.Capacity);

        var dynamic = pool.TryLease("dave", out _)!;
        var own = pool.TryLease("carol", out _)!;

        Assert.Equal(IPAddress.Parse("10.0.0.2"), dynamic.Address);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), own.Address);
        Assert.True(own.IsStatic);
    }

    [Fact]
    public void A_static_address_outside_the_range_works_and_is_never_shared()
    {
        var pool = Ipv4AddressPool.Parse("10.0.0.1-10.0.0.3");
        pool.SetStaticAddress("erin", IPAddress.Parse("10.9.9.9"));

        var first = pool.TryLease("erin", out _)!;
        Assert.Equal(IPAddress.Parse("10.9.9.9"), first.Address);
        Assert.Null(pool.TryLease("erin", out var failure));
        Assert.Equal(AddressAllocationFailure.StaticAddressInUse, failure);

        first.Dispose();
        Assert.NotNull(pool.TryLease("erin", out _));
    }

    [Fact]
    public void Removing_a_static_address_returns_it_to_the_range()
    {
        var pool = Ipv4AddressPool.Parse("10.0.0.1-10.0.0.1");
        pool.SetStaticAddress("frank", IPAddress.Parse("10.0.0.1"));
        Assert.Null(pool.TryLease("grace", out _));

        pool.RemoveStaticAddress("frank");

        Assert.NotNull(pool.TryLease("grace", out _));
    }

    [Fact]
    public void Excluded_addresses_are_never_handed_out()
    {
        var pool = Ipv4AddressPool.Parse("10.0.0.1-10.0.0.2", [IPAddress.Parse("10.0.0.1")]);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), pool.TryLease(null, out _)!.Address);
        Assert.Null(pool.TryLease(null, out _));
    }

    [Fact]
    public void Concurrent_sessions_never_get_the_same_address()
    {
        var pool = Ipv4AddressPool.Parse("10.0.0.1-10.0.3.232");
        var leases = new System.Collections.Concurrent.ConcurrentBag<Ipv4AddressLease>();
        Parallel.For(0, 1000, i => leases.Add(pool.TryLease(null, out _)!));

        Assert.Equal(1000, leases.Select(lease => lease.Address).Distinct().Count());
        Assert.Equal(1000, pool.InUse);
    }
}
