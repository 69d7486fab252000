using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Engine.Platform.Linux.Crypto;

/// <summary>A libcrypto <c>BIGNUM</c>, freed with <c>BN_clear_free</c> (which zeroes it first: private exponents and shared secrets live in these).</summary>
internal sealed class BigNumHandle : SafeHandle
{
    private BigNumHandle(nint pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        LibCryptoAllocations.Allocated();
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>A new, empty object.</summary>
    internal static BigNumHandle New() => Own(LibCrypto.BigNumNew());

    /// <summary>Takes ownership of what an allocation returned; throws when it returned NULL (out of memory).</summary>
    internal static BigNumHandle Own(nint pointer)
    {
        if (pointer == IntPtr.Zero)
        {
            LibCrypto.ClearErrors();
            throw new CryptographicException("libcrypto could not allocate a BIGNUM.");
        }

        return new BigNumHandle(pointer);
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.BigNumClearFree(handle);
        LibCryptoAllocations.Freed();
        return true;
    }
}
