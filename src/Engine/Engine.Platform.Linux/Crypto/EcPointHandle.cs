using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Engine.Platform.Linux.Crypto;

/// <summary>A libcrypto <c>EC_POINT</c>, freed with <c>EC_POINT_clear_free</c> (shared secrets pass through these).</summary>
internal sealed class EcPointHandle : SafeHandle
{
    private EcPointHandle(nint pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        LibCryptoAllocations.Allocated();
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>A new point of <paramref name="group"/>.</summary>
    internal static EcPointHandle New(EcGroupHandle group)
    {
        var pointer = LibCryptoEc.PointNew(group);
        if (pointer == IntPtr.Zero)
        {
            LibCrypto.ClearErrors();
            throw new CryptographicException("libcrypto could not allocate an EC_POINT.");
        }

        return new EcPointHandle(pointer);
    }

    protected override bool ReleaseHandle()
    {
        LibCryptoEc.PointClearFree(handle);
        LibCryptoAllocations.Freed();
        return true;
    }
}
