using Engine.DataPlane.Replay;

namespace Engine.DataPlane.Tests.Replay;

/// <summary>RFC 4303 appendix A2.1, case by case.</summary>
public sealed class SequenceNumberInferenceTests
{
    [Theory]
    // Window within one subspace (Tl >= W - 1).
    [InlineData(0x0000_0001_0000_1000UL, 0x0000_1001U, 0x0000_0001_0000_1001UL)]
    [InlineData(0x0000_0001_0000_1000UL, 0x0000_0FC1U, 0x0000_0001_0000_0FC1UL)]
    [InlineData(0x0000_0001_0000_1000UL, 0x0000_0FC0U, 0x0000_0002_0000_0FC0UL)]
    // Window straddling a wrap (Tl < W - 1).
    [InlineData(0x0000_0001_0000_0010UL, 0xFFFF_FFF0U, 0x0000_0000_FFFF_FFF0UL)]
    [InlineData(0x0000_0001_0000_0010UL, 0x0000_0020U, 0x0000_0001_0000_0020UL)]
    [InlineData(0x0000_0001_0000_0010UL, 0x0000_0005U, 0x0000_0001_0000_0005UL)]
    public void Infers_the_high_half(ulong top, uint wire, ulong expected) =>
        Assert.Equal(expected, SequenceNumberInference.Infer(wire, top, 64));
}
