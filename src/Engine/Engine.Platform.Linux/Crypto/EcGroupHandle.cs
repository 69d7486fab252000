using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Engine.Platform.Linux.Crypto;

/// <summary>A libcrypto <c>EC_GROUP</c> (a named curve), freed with <c>EC_GROUP_free</c>.</summary>
internal sealed class EcGroupHandle : SafeHandle
{
    private EcGroupHandle(nint pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        LibCryptoAllocations.Allocated();
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The curve with OpenSSL's object identifier <paramref name="nid"/>.</summary>
    internal static EcGroupHandle ForCurve(int nid)
    {
        var pointer = LibCryptoEc.GroupNewByCurveName(nid);
        if (pointer == IntPtr.Zero)
        {
            LibCrypto.ClearErrors();
            throw new CryptographicException($"libcrypto has no curve {nid}.");
        }

        return new EcGroupHandle(pointer);
    }

    protected override bool ReleaseHandle()
    {
        LibCryptoEc.GroupFree(handle);
        LibCryptoAllocations.Freed();
        return true;
    }
}
