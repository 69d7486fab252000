using System;

namespace Engine.Crypto.Tests;

/// <summary>Counts managed allocations of a hot-path operation in steady state (after warm-up).</summary>
internal static class Allocations
{
    public static long PerCall(Action operation, int calls = 200)
    {
        for (var i = 0; i < 20; i++)
        {
            operation();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            operation();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
    }
}
