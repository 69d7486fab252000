using Engine.DataPlane.Replay;

namespace Engine.DataPlane.Tests.Replay;

/// <summary>The anti-replay window (RFC 4303 section 3.4.3, RFC 6479) at its edges.</summary>
public sealed class ReplayWindowTests
{
    [Fact]
    public void First_packet_is_accepted_whatever_its_number()
    {
        var window = new ReplayWindow(64, extendedSequenceNumbers: false);
        Assert.Equal(ReplayVerdict.Accept, Check(window, 1));
        Assert.True(window.TryAccept(1));
        Assert.Equal(1UL, window.Top);

        var other = new ReplayWindow(64, extendedSequenceNumbers: false);
        Assert.True(Accept(other, 5000));
        Assert.Equal(5000UL, other.Top);
    }

    [Fact]
    public void Zero_is_never_a_valid_sequence_number()
    {
        var window = new ReplayWindow(64, extendedSequenceNumbers: false);
        Assert.Equal(ReplayVerdict.Invalid, Check(window, 0));
        Assert.False(window.TryAccept(0));
    }

    [Fact]
    public void Duplicate_is_refused_and_check_does_not_record()
    {
        var window = new ReplayWindow(64, extendedSequenceNumbers: false);
        Assert.Equal(ReplayVerdict.Accept, Check(window, 7));
        Assert.Equal(ReplayVerdict.Accept, Check(window, 7));
        Assert.True(window.TryAccept(7));
        Assert.Equal(ReplayVerdict.Duplicate, Check(window, 7));
        Assert.False(window.TryAccept(7));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(1024)]
    [InlineData(4096)]
    public void Window_edge_is_exactly_its_size(int size)
    {
        var window = new ReplayWindow(size, extendedSequenceNumbers: false);
        var top = (ulong)size * 3 + 17;
        Assert.True(window.TryAccept(top));

        // The window holds top - size + 1 .. top.
        Assert.Equal(ReplayVerdict.Accept, Check(window, (uint)(top - (ulong)size + 1)));
        Assert.Equal(ReplayVerdict.TooOld, Check(window, (uint)(top - (ulong)size)));
        Assert.True(window.TryAccept(top - (ulong)size + 1));
        Assert.False(window.TryAccept(top - (ulong)size));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1024)]
    public void Out_of_order_packets_inside_the_window_are_each_accepted_once(int size)
    {
        var window = new ReplayWindow(size, extendedSequenceNumbers: false);
        var order = Enumerable.Range(1, size - 1).Select(i => (ulong)i).Reverse().ToArray();
        Assert.True(window.TryAccept((ulong)size));
        foreach (var sequence in order)
        {
            Assert.True(window.TryAccept(sequence), $"first {sequence}");
        }

        foreach (var sequence in order)
        {
            Assert.False(window.TryAccept(sequence), $"again {sequence}");
        }
    }

    [Fact]
    public void Sliding_forward_clears_the_bits_of_numbers_that_reappear_in_the_ring()
    {
        // The ring reuses block positions; numbers a whole ring later must read as new.
        var window = new ReplayWindow(64, extendedSequenceNumbers: false);
        for (ulong sequence = 1; sequence <= 1000; sequence++)
        {
            Assert.True(window.TryAccept(sequence), $"{sequence}");
        }

        Assert.Equal(ReplayVerdict.Duplicate, Check(window, 990));
        Assert.Equal(ReplayVerdict.TooOld, Check(window, 936));
    }

    [Fact]
    public void Far_ahead_jump_moves_the_window_and_forgets_everything_behind()
    {
        var window = new ReplayWindow(64, extendedSequenceNumbers: false);
        for (ulong sequence = 1; sequence <= 50; sequence++)
        {
            window.TryAccept(sequence);
        }

        Assert.True(window.TryAccept(1_000_000));
        Assert.Equal(ReplayVerdict.TooOld, Check(window, 50));
        Assert.Equal(ReplayVerdict.Accept, Check(window, 999_999));
        Assert.Equal(ReplayVerdict.Accept, Check(window, 1_000_000 - 63));
        Assert.Equal(ReplayVerdict.TooOld, Check(window, 1_000_000 - 64));

        // A jump of exactly one ring's worth of blocks must clear stale bits too.
        Assert.True(window.TryAccept(1_000_000 + 128));
        Assert.Equal(ReplayVerdict.Accept, Check(window, 1_000_000 + 128 - 63));
    }

    [Fact]
    public void Without_esn_the_number_after_the_last_one_is_too_old_not_a_wrap()
    {
        var window = new ReplayWindow(64, extendedSequenceNumbers: false);
        Assert.True(window.TryAccept(uint.MaxValue));
        Assert.Equal(ReplayVerdict.TooOld, Check(window, 1));
        Assert.Equal(ReplayVerdict.Invalid, Check(window, 0));
        Assert.Equal(ReplayVerdict.Accept, Check(window, uint.MaxValue - 1));
        Assert.Equal(ReplayVerdict.Duplicate, Check(window, uint.MaxValue));
    }

    [Fact]
    public void With_esn_the_window_crosses_the_32_bit_wrap()
    {
        var window = new ReplayWindow(64, extendedSequenceNumbers: true);
        Assert.True(Accept(window, 0xFFFF_FFF0));

        // Low half 5 after 0xfffffff0: the high half rolled over.
        Assert.Equal(ReplayVerdict.Accept, window.Check(5, out var sequence));
        Assert.Equal(0x1_0000_0005UL, sequence);
        Assert.True(window.TryAccept(sequence));
        Assert.Equal(0x1_0000_0005UL, window.Top);

        // A late packet from just before the wrap is still inside the window (previous subspace).
        Assert.Equal(ReplayVerdict.Accept, window.Check(0xFFFF_FFF8, out sequence));
        Assert.Equal(0xFFFF_FFF8UL, sequence);
        Assert.True(window.TryAccept(sequence));
        Assert.Equal(ReplayVerdict.Duplicate, window.Check(0xFFFF_FFF0, out _));

        // Below the window's wrapped bottom, the RFC reads a low half as the current subspace,
        // far ahead; such a packet is then decided by its ICV (computed over high half 1).
        Assert.Equal(ReplayVerdict.Accept, window.Check(0xFFFF_FF00, out sequence));
        Assert.Equal(0x1_FFFF_FF00UL, sequence);

        // Zero on the wire is sequence 2^32 here, which is legitimate.
        Assert.Equal(ReplayVerdict.Accept, window.Check(0, out sequence));
        Assert.Equal(0x1_0000_0000UL, sequence);
    }

    [Fact]
    public void With_esn_the_first_packets_are_in_the_first_subspace()
    {
        var window = new ReplayWindow(64, extendedSequenceNumbers: true);
        Assert.Equal(ReplayVerdict.Accept, window.Check(1, out var sequence));
        Assert.Equal(1UL, sequence);
        Assert.Equal(ReplayVerdict.Invalid, window.Check(0, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(4097)]
    public void Sizes_outside_32_to_4096_are_refused(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayWindow(size, extendedSequenceNumbers: false));

    private static ReplayVerdict Check(ReplayWindow window, uint sequence) => window.Check(sequence, out _);

    private static bool Accept(ReplayWindow window, uint sequence) =>
        window.Check(sequence, out var full) == ReplayVerdict.Accept && window.TryAccept(full);
}
