using System;

namespace Engine.Crypto.Tests;

/// <summary>
/// Counts managed allocations of a hot-path operation in steady state (after warm-up), per call.
/// Enough calls that a one-off (tiered JIT swapping in optimised code) rounds to zero, while any
/// real per-call allocation (at least 24 bytes) still shows.
/// </summary>
internal static class Allocations
{
    public static long PerCall(Action operation, int calls = 5000)
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
