using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Engine.Platform.Linux.Crypto;

/// <summary>A libcrypto <c>BN_MONT_CTX</c>: a modulus' Montgomery constants, computed once per group and only read afterwards.</summary>
internal sealed class MontgomeryContextHandle : SafeHandle
{
    private MontgomeryContextHandle(nint pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        LibCryptoAllocations.Allocated();
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>A new, empty object.</summary>
    internal static MontgomeryContextHandle New() => Own(LibCrypto.MontgomeryNew());

    /// <summary>Takes ownership of what an allocation returned; throws when it returned NULL (out of memory).</summary>
    internal static MontgomeryContextHandle Own(nint pointer)
    {
        if (pointer == IntPtr.Zero)
        {
            LibCrypto.ClearErrors();
            throw new CryptographicException("libcrypto could not allocate a BN_MONT_CTX.");
        }

        return new MontgomeryContextHandle(pointer);
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.MontgomeryFree(handle);
        LibCryptoAllocations.Freed();
        return true;
    }
}
