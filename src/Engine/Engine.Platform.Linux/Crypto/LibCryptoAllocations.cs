using System.Threading;

namespace Engine.Platform.Linux.Crypto;

/// <summary>
/// Counts the libcrypto objects the handles own and have not yet freed, so that a test can prove
/// that disposing a key exchange frees everything it allocated.
/// </summary>
internal static class LibCryptoAllocations
{
    private static long live;

    /// <summary>libcrypto objects allocated through a handle and not yet freed.</summary>
    internal static long Live => Interlocked.Read(ref live);

    internal static void Allocated() => Interlocked.Increment(ref live);

    internal static void Freed() => Interlocked.Decrement(ref live);
}
