using Microsoft.Win32.SafeHandles;

namespace Engine.Platform.Linux.Symmetric;

/// <summary>
/// Owns one EVP_CIPHER_CTX. A handle rather than a raw pointer so that an SA disposed while a
/// worker is still inside a call cannot free the context under it (the call holds a reference).
/// </summary>
internal sealed class EvpCipherContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public EvpCipherContextHandle()
        : base(ownsHandle: true)
    {
    }

    internal static EvpCipherContextHandle Create()
    {
        var handle = new EvpCipherContextHandle();
        handle.SetHandle(LibCryptoSymmetric.CipherContextNewRaw());
        if (handle.IsInvalid)
        {
            throw new System.Security.Cryptography.CryptographicException("EVP_CIPHER_CTX_new failed.");
        }

        return handle;
    }

    protected override bool ReleaseHandle()
    {
        LibCryptoSymmetric.CipherContextFree(handle);
        return true;
    }
}
