using System;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;

namespace Engine.DataPlane.Sa;

/// <summary>One worker's keyed crypto objects for one SA; used by one thread at a time.</summary>
internal sealed class SaCryptoContext : IDisposable
{
    public SaCryptoContext(ICipher? cipher, IAead? aead, IIntegrity? integrity)
    {
        Cipher = cipher;
        Aead = aead;
        Integrity = integrity;
    }

    public ICipher? Cipher { get; }

    public IAead? Aead { get; }

    public IIntegrity? Integrity { get; }

    public void Dispose()
    {
        Cipher?.Dispose();
        Aead?.Dispose();
        Integrity?.Dispose();
    }
}
