using Engine.DataPlane.Buffers;

namespace Engine.DataPlane.Tests.Buffers;

public sealed class PacketBufferPoolTests
{
    [Fact]
    public void Rents_up_to_its_limit_and_reuses_returned_buffers_wiped()
    {
        var pool = new PacketBufferPool(new PacketBufferLayout(1500), limit: 2);
        Assert.True(pool.TryRent(out var first));
        Assert.True(pool.TryRent(out var second));
        Assert.False(pool.TryRent(out _));
        Assert.Equal(PacketBufferLayout.HeadRoom + 1500 + PacketBufferLayout.TailRoom, first.Length);
        Assert.Equal(2, pool.Outstanding);

        first[200] = 42;
        pool.Return(first);
        Assert.True(pool.TryRent(out var again));
        Assert.Same(first, again);
        Assert.Equal(0, again[200]);
        Assert.Throws<ArgumentException>(() => pool.Return(new byte[10]));
        pool.Return(second);
        Assert.Equal(1, pool.Outstanding);
    }
}
