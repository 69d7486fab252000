using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.Crypto.Registry;
using Engine.Ike.Configuration;
using CryptoAuth = Engine.Crypto.Registry.IpsecAuthenticationAlgorithm;
using CryptoEsp = Engine.Crypto.Registry.EspTransformId;

namespace Engine.Ike.Proposals;

/// <summary>
/// Quick mode methods resolved to the crypto registry's descriptors: what the data plane keys, and
/// how many KEYMAT bytes each SA takes (cipher key or AEAD key and salt first, then the HMAC key).
/// </summary>
internal static class IpsecTransforms
{
    public static bool TryResolveEsp(EspProposal esp, out CipherAlgorithm? cipher, out AeadAlgorithm? aead, out IntegrityAlgorithm? integrity)
    {
        cipher = null;
        aead = null;
        integrity = null;
        var id = (CryptoEsp)(byte)esp.Transform;
        if (EspAlgorithms.IsAead(id))
        {
            return esp.Integrity is null && EspAlgorithms.TryGetAead(id, esp.KeyLengthBits, out aead);
        }

        if (!EspAlgorithms.TryGetCipher(id, esp.KeyLengthBits, out cipher))
        {
            return false;
        }

        if (esp.Integrity is { } auth && !EspAlgorithms.TryGetIntegrity((CryptoAuth)(ushort)auth, out integrity))
        {
            return false;
        }

        // ESP must at least encrypt or authenticate (RFC 4303 section 3.2): NULL needs an HMAC.
        return integrity is not null || cipher.KeySize > 0;
    }

    public static bool TryResolveAh(AhProposal ah, out IntegrityAlgorithm? integrity) =>
        AhAlgorithms.TryGetIntegrity((AhTransformId)(byte)ah.Transform, out integrity)
        && EspAlgorithms.TryGetIntegrity((CryptoAuth)(ushort)ah.Integrity, out var viaAttribute)
        && viaAttribute == integrity;

    public static int EspKeyMaterialSize(EspProposal esp)
    {
        TryResolveEsp(esp, out var cipher, out var aead, out var integrity);
        return (aead?.KeyMaterialSize ?? cipher?.KeySize ?? 0) + (integrity?.KeySize ?? 0);
    }

    public static int AhKeyMaterialSize(AhProposal ah)
    {
        TryResolveAh(ah, out var integrity);
        return integrity?.KeySize ?? 0;
    }
}
