using System;
using Engine.L2tp.L2tp;

namespace Engine.L2tp.Tests.L2tp.Support;

/// <summary>A deterministic <see cref="L2tpRandomSource"/>, so IDs and challenges repeat from run to run.</summary>
public static class SeededRandom
{
    public static L2tpRandomSource Create(int seed)
    {
        var random = new Random(seed);
        return destination => random.NextBytes(destination);
    }
}
