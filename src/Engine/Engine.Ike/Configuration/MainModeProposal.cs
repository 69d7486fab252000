using Engine.Ike.Encoding.Registry;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;

namespace Engine.Ike.Configuration;

/// <summary>
/// One main mode method (netsh's "AES256-SHA256-14"): one ISAKMP transform, always with
/// pre-shared key authentication here. <see cref="KeyLengthBits"/> is 0 for DES and 3DES, whose
/// length is fixed and goes unsent.
/// </summary>
public sealed record MainModeProposal(IkeEncryptionAlgorithm Encryption, ushort KeyLengthBits, IkeHashAlgorithm Hash, DiffieHellmanGroup Group)
{
    public override string ToString() =>
        $"{Encryption}{(KeyLengthBits == 0 ? string.Empty : $"-{KeyLengthBits}")}/{Hash}/DH{(int)Group}";
}
