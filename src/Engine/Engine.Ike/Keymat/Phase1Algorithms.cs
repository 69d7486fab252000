using System.Security.Cryptography;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Prf;
using Engine.Crypto.Registry;
using Engine.Ike.Configuration;

namespace Engine.Ike.Keymat;

/// <summary>The transforms one negotiated main mode proposal stands for, resolved in the crypto registry.</summary>
internal sealed class Phase1Algorithms
{
    private Phase1Algorithms(MainModeProposal proposal, CipherAlgorithm cipher, IPrf prf, HashAlgorithmName hash, TimeSpan lifetime)
    {
        Proposal = proposal;
        Cipher = cipher;
        Prf = prf;
        Hash = hash;
        Lifetime = lifetime;
    }

    public MainModeProposal Proposal { get; }

    public CipherAlgorithm Cipher { get; }

    public IPrf Prf { get; }

    public HashAlgorithmName Hash { get; }

    public TimeSpan Lifetime { get; }

    /// <summary>False when the crypto registry lacks one of the transforms (the matcher checks first, so this is a programming error guard).</summary>
    public static bool TryResolve(MainModeProposal proposal, TimeSpan lifetime, out Phase1Algorithms? algorithms)
    {
        algorithms = null;
        var encryption = (Ikev1EncryptionAlgorithm)(ushort)proposal.Encryption;
        var hashId = (Ikev1HashAlgorithm)(ushort)proposal.Hash;
        if (!Ikev1Algorithms.TryGetCipher(encryption, proposal.KeyLengthBits, out var cipher) ||
            !Ikev1Algorithms.TryGetPrf(hashId, out var prf) ||
            !Ikev1Algorithms.TryGetHash(hashId, out var hash) ||
            !KeyExchanges.IsSupported(proposal.Group))
        {
            return false;
        }

        algorithms = new Phase1Algorithms(proposal, cipher, prf, hash, lifetime);
        return true;
    }
}
