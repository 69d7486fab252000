using Engine.DataPlane.Esp;

namespace Engine.DataPlane.Tests.Esp;

public sealed class EspTrailerTests
{
    [Theory]
    [InlineData(0, 16, 14)]
    [InlineData(14, 16, 0)]
    [InlineData(15, 16, 15)]
    [InlineData(1, 8, 5)]
    [InlineData(2, 4, 0)]
    [InlineData(3, 4, 3)]
    public void Pads_to_the_alignment_with_the_fewest_bytes(int payload, int alignment, int padding)
    {
        Assert.Equal(padding, EspTrailer.PaddingFor(payload, alignment));
        Assert.Equal(0, (payload + padding + 2) % alignment);
    }

    [Fact]
    public void Writes_and_reads_the_monotonic_pattern()
    {
        var plaintext = new byte[3 + 11 + 2];
        Assert.Equal(13, EspTrailer.Write(plaintext.AsSpan(3), 11, 41));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 41], plaintext[3..]);
        Assert.True(EspTrailer.TryRead(plaintext, out var length, out var nextHeader));
        Assert.Equal((3, (byte)41), (length, nextHeader));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 4, 3, 4 })]
    [InlineData(new byte[] { 0, 2, 4 })]
    [InlineData(new byte[] { 9, 4 })]
    [InlineData(new byte[] { 4 })]
    public void Refuses_wrong_padding(byte[] plaintext) => Assert.False(EspTrailer.TryRead(plaintext, out _, out _));
}
