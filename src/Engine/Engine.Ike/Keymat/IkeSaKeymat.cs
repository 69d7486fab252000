using Engine.Crypto.Ciphers;
using Engine.Crypto.Ikev1;
using Engine.Crypto.Prf;

namespace Engine.Ike.Keymat;

/// <summary>
/// The keys of one ISAKMP SA and the IV state of RFC 2409 appendix B (strongSwan's keymat_v1 with
/// its IV manager). Phase 1 chains one IV through messages 5 and 6, starting from
/// hash(g^xi | g^xr); every later exchange starts from hash(last phase 1 block | M-ID) and chains
/// within its message id. The next IV is always the last ciphertext block of the previous message
/// of that exchange, in either direction, so decrypting a message advances the chain too.
/// </summary>
internal sealed class IkeSaKeymat : IDisposable
{
    private readonly Dictionary<uint, byte[]> ivs = [];
    private ICipher? cipher;
    private byte[]? lastPhase1Block;

    public Phase1Algorithms? Algorithms { get; private set; }

    public Ikev1Phase1Keys? Keys { get; private set; }

    public bool HasKeys => Keys is not null;

    public bool IsPhase1Complete => lastPhase1Block is not null;

    public IPrf Prf => Algorithms?.Prf ?? throw new InvalidOperationException("no main mode proposal has been chosen");

    public void SetAlgorithms(Phase1Algorithms algorithms) => Algorithms = algorithms;

    /// <summary>
    /// RFC 2409 section 5 for pre-shared keys: SKEYID = prf(PSK, Ni_b | Nr_b), then SKEYID_d/a/e
    /// and the cipher key (expanded per appendix B when SKEYID_e is too short).
    /// </summary>
    public void DerivePhase1(
        ReadOnlySpan<byte> preSharedKey,
        ReadOnlySpan<byte> initiatorNonce,
        ReadOnlySpan<byte> responderNonce,
        ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> initiatorCookie,
        ReadOnlySpan<byte> responderCookie,
        ReadOnlySpan<byte> initiatorPublicValue,
        ReadOnlySpan<byte> responderPublicValue)
    {
        var algorithms = Algorithms ?? throw new InvalidOperationException("no main mode proposal has been chosen");
        var skeyid = Ikev1Skeyid.ForPreSharedKey(algorithms.Prf, preSharedKey, initiatorNonce, responderNonce);
        Keys = Ikev1KeyDerivation.DerivePhase1(algorithms.Prf, skeyid, sharedSecret, initiatorCookie, responderCookie, algorithms.Cipher.KeySize);
        cipher?.Dispose();
        cipher = algorithms.Cipher.Create(Keys.EncryptionKey);
        ivs[0] = Ikev1Iv.Phase1(algorithms.Hash, initiatorPublicValue, responderPublicValue, algorithms.Cipher.BlockSize);
    }

    /// <summary>Called once main mode is done: later exchanges derive their IVs from the chain's last block.</summary>
    public void CompletePhase1()
    {
        lastPhase1Block = ivs[0];
    }

    /// <summary>Pads the payload chain with zeros to whole blocks and encrypts it with the exchange's IV.</summary>
    public byte[] Encrypt(uint messageId, ReadOnlySpan<byte> plaintext)
    {
        var active = cipher ?? throw new InvalidOperationException("no keys yet");
        var blockSize = active.BlockSize;
        var padded = new byte[(plaintext.Length + blockSize - 1) / blockSize * blockSize];
        plaintext.CopyTo(padded);
        active.Encrypt(CurrentIv(messageId), padded);
        ivs[messageId] = Ikev1Iv.Next(padded, blockSize);
        return padded;
    }

    /// <summary>
    /// Decrypts a body with the exchange's IV; false when it is not a whole number of blocks or
    /// there are no keys (yet). Whether the plaintext makes sense is for the parser and the HASH.
    /// </summary>
    public bool TryDecrypt(uint messageId, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        plaintext = [];
        if (cipher is null || (messageId != 0 && lastPhase1Block is null))
        {
            return false;
        }

        var blockSize = cipher.BlockSize;
        if (ciphertext.Length == 0 || ciphertext.Length % blockSize != 0)
        {
            return false;
        }

        var iv = CurrentIv(messageId);
        plaintext = ciphertext.ToArray();
        cipher.Decrypt(iv, plaintext);
        ivs[messageId] = Ikev1Iv.Next(ciphertext, blockSize);
        return true;
    }

    /// <summary>Drops the IV of a finished exchange.</summary>
    public void ForgetExchange(uint messageId)
    {
        if (messageId != 0)
        {
            ivs.Remove(messageId);
        }
    }

    public byte[] QuickModeHash1(uint messageId, ReadOnlySpan<byte> payloadsAfterHash) =>
        Ikev1Hashes.QuickModeHash1(Prf, RequireKeys().SkeyidA, messageId, payloadsAfterHash);

    public byte[] QuickModeHash2(uint messageId, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> payloadsAfterHash) =>
        Ikev1Hashes.QuickModeHash2(Prf, RequireKeys().SkeyidA, messageId, initiatorNonce, payloadsAfterHash);

    public byte[] QuickModeHash3(uint messageId, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> responderNonce) =>
        Ikev1Hashes.QuickModeHash3(Prf, RequireKeys().SkeyidA, messageId, initiatorNonce, responderNonce);

    public byte[] InformationalHash(uint messageId, ReadOnlySpan<byte> payloadsAfterHash) =>
        Ikev1Hashes.Informational(Prf, RequireKeys().SkeyidA, messageId, payloadsAfterHash);

    /// <summary>KEYMAT for one SA (RFC 2409 section 5.5); the SPI is the one its receiver chose.</summary>
    public byte[] QuickModeKeyMaterial(ReadOnlySpan<byte> pfsSharedSecret, byte protocolId, uint spi, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> responderNonce, int length) =>
        Ikev1KeyDerivation.QuickModeKeyMaterial(Prf, RequireKeys().SkeyidD, pfsSharedSecret, protocolId, spi, initiatorNonce, responderNonce, length);

    public void Dispose()
    {
        cipher?.Dispose();
        cipher = null;
        if (Keys is not null)
        {
            Array.Clear(Keys.Skeyid);
            Array.Clear(Keys.SkeyidD);
            Array.Clear(Keys.SkeyidA);
            Array.Clear(Keys.SkeyidE);
            Array.Clear(Keys.EncryptionKey);
        }
    }

    private byte[] CurrentIv(uint messageId)
    {
        if (ivs.TryGetValue(messageId, out var iv))
        {
            return iv;
        }

        var algorithms = Algorithms!;
        var start = lastPhase1Block ?? throw new InvalidOperationException("phase 2 before phase 1 completed");
        iv = Ikev1Iv.ForExchange(algorithms.Hash, start, messageId, algorithms.Cipher.BlockSize);
        ivs[messageId] = iv;
        return iv;
    }

    private Ikev1Phase1Keys RequireKeys() => Keys ?? throw new InvalidOperationException("no keys yet");
}
