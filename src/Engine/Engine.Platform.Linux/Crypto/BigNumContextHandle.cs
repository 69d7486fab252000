using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Engine.Platform.Linux.Crypto;

/// <summary>A libcrypto <c>BN_CTX</c> (scratch space for the arithmetic; not thread-safe: one per key exchange).</summary>
internal sealed class BigNumContextHandle : SafeHandle
{
    private BigNumContextHandle(nint pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        LibCryptoAllocations.Allocated();
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>A new, empty object.</summary>
    internal static BigNumContextHandle New() => Own(LibCrypto.ContextNew());

    /// <summary>Takes ownership of what an allocation returned; throws when it returned NULL (out of memory).</summary>
    internal static BigNumContextHandle Own(nint pointer)
    {
        if (pointer == IntPtr.Zero)
        {
            LibCrypto.ClearErrors();
            throw new CryptographicException("libcrypto could not allocate a BN_CTX.");
        }

        return new BigNumContextHandle(pointer);
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.ContextFree(handle);
        LibCryptoAllocations.Freed();
        return true;
    }
}
