using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Configuration;

/// <summary>
/// The ESP part of a quick mode method: transform (AES-CBC, 3DES, DES, NULL, AES-GCM-16), key
/// length in bits (0 where fixed), and the HMAC (null for AES-GCM, which authenticates itself, and
/// for ESP without integrity).
/// </summary>
public sealed record EspProposal(EspTransformId Transform, ushort KeyLengthBits, IpsecAuthenticationAlgorithm? Integrity)
{
    public override string ToString() =>
        $"ESP[{Transform}{(KeyLengthBits == 0 ? string.Empty : $"-{KeyLengthBits}")},{Integrity?.ToString() ?? "none"}]";
}
