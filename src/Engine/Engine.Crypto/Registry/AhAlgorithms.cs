using System.Diagnostics.CodeAnalysis;
using Engine.Crypto.Integrity;

namespace Engine.Crypto.Registry;

/// <summary>AH integrity transforms by AH transform id. Thread-safe.</summary>
public static class AhAlgorithms
{
    /// <summary>
    /// The integrity transform of an AH proposal. Its Authentication Algorithm attribute must
    /// name the same HMAC (RFC 2407 section 4.4.3); <see cref="EspAlgorithms.TryGetIntegrity"/>
    /// resolves that one.
    /// </summary>
    public static bool TryGetIntegrity(AhTransformId id, [NotNullWhen(true)] out IntegrityAlgorithm? integrity)
    {
        integrity = id switch
        {
            AhTransformId.Md5 => IntegrityAlgorithms.HmacMd5Icv96,
            AhTransformId.Sha1 => IntegrityAlgorithms.HmacSha1Icv96,
            AhTransformId.Sha256 => IntegrityAlgorithms.HmacSha256Icv128,
            AhTransformId.Sha384 => IntegrityAlgorithms.HmacSha384Icv192,
            AhTransformId.Sha512 => IntegrityAlgorithms.HmacSha512Icv256,
            _ => null,
        };
        return integrity is not null;
    }
}
