using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Tests.Support;

/// <summary>
/// One negotiated transform as a test names it, with the names Wireshark's esp_sa table uses for
/// the same algorithms (packet-ipsec.c value strings).
/// </summary>
public sealed record TestTransform(
    string Name,
    IpsecProtocol Protocol,
    CipherAlgorithm? Cipher,
    AeadAlgorithm? Aead,
    IntegrityAlgorithm? Integrity,
    string WiresharkEncryption,
    string WiresharkAuthentication)
{
    public int EncryptionKeySize => Aead?.KeyMaterialSize ?? Cipher?.KeySize ?? 0;

    public int IntegrityKeySize => Integrity?.KeySize ?? 0;

    public override string ToString() => Name;
}
