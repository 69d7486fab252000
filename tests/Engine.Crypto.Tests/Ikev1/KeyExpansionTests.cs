using Engine.Crypto.Ikev1;
using Engine.Crypto.Registry;

namespace Engine.Crypto.Tests.Ikev1;

/// <summary>
/// The two IKEv1 expansions against NSS's vectors (ike-sha1-vectors.h and ike-sha256-vectors.h
/// cases 11-16, which NSS generated itself, not NIST): appendix B for the phase 1 key, where
/// Kn = prf(SKEYID_e, Kn-1), and section 5.5 for KEYMAT, where Kn = prf(SKEYID_d, Kn-1 | seed)
/// (NSS tests it with the one-byte seed 00).
/// </summary>
public class KeyExpansionTests
{
    private const string Sha1Key = "63e81194946ebd05df7df5ebf5d8750056bf1f1d";
    private const string Sha256Key = "5f00d1bd2c58ec224b1e6b71fa0f19a1faa7a193952c444411b47c1a9d8ba6fe";

    [Theory]
    [InlineData(Ikev1HashAlgorithm.Sha1, Sha1Key, 132,
        "933347a07de5782247dd36d1562ffe0eecade1eb4134165257e3af1000af8ae3f165063828cbb60d910b7db38fa3c7f62c4afaaf3203da065c841729853edb23e9e7ac8286ae65c8cb6c667d79268c0bd6705abb9131698eb822b1c1f9dd142fc7be2c1010ee0152e10195add98999c6b6d42c8fe9c1b134d56ad5f2c6f20e815bd25c52")]
    [InlineData(Ikev1HashAlgorithm.Sha1, Sha1Key, 40, "933347a07de5782247dd36d1562ffe0eecade1eb4134165257e3af1000af8ae3f165063828cbb60d")]
    [InlineData(Ikev1HashAlgorithm.Sha1, Sha1Key, 15, "63e81194946ebd05df7df5ebf5d875")]
    [InlineData(Ikev1HashAlgorithm.Sha256, Sha256Key, 132,
        "b10fff32cbeaa1e7afe6ab0b191e0bd63cd524849a4b56019146d232a24cf9af6b89494d2a360b06825db8bb0324c15cecf47fc0bc99e39bf1171a7f4bf1733dc49ef64c642e73b054b2e82456e34fa3c822da475e27e403b3da3929da50e6aa9e7f9252c68fa069b4b0edd374e80d35378c4f5e8ec285a1b169c92bbb5353d05ba94165")]
    [InlineData(Ikev1HashAlgorithm.Sha256, Sha256Key, 32, Sha256Key)]
    [InlineData(Ikev1HashAlgorithm.Sha256, Sha256Key, 15, "5f00d1bd2c58ec224b1e6b71fa0f19")]
    public void Appendix_b_encryption_key(Ikev1HashAlgorithm hash, string skeyidE, int size, string expected)
    {
        Assert.True(Ikev1Algorithms.TryGetPrf(hash, out var prf));

        Assert.Equal(Hex.Bytes(expected), Ikev1KeyDerivation.EncryptionKey(prf, Hex.Bytes(skeyidE), size));
    }

    [Theory]
    [InlineData(Ikev1HashAlgorithm.Sha1, Sha1Key, 132,
        "933347a07de5782247dd36d1562ffe0eecade1ebaeaa476a5f578c34a9b2b7101a621202f61db924c5ef9efa3bb2698095841603b7ac8a880329a927ecd4ad53a944b607a5ac2f3d154e2748c188d7370d76be83fc204fdacf0f66b99dd760ba619ffac65eda1420c8a936dac5a599afaf4043b29ef2b65dc042724355b550875316c6fd")]
    [InlineData(Ikev1HashAlgorithm.Sha1, Sha1Key, 40, "933347a07de5782247dd36d1562ffe0eecade1ebaeaa476a5f578c34a9b2b7101a621202f61db924")]
    [InlineData(Ikev1HashAlgorithm.Sha1, Sha1Key, 15, "933347a07de5782247dd36d1562ffe")]
    [InlineData(Ikev1HashAlgorithm.Sha256, Sha256Key, 132,
        "b10fff32cbeaa1e7afe6ab0b191e0bd63cd524849a4b56019146d232a24cf9af59f18ed9aabbb2dbbafecf48d72a34a8f72fab2ff4f37e5c917288a78ce00933612e9531a7469995c7f7cc33c7627cac3efbc819330c4fe3bfa3788799630f37bcb74800d82bbebd17b1906e304a786f4f810c266c15be1a30576039c293272748d65966")]
    [InlineData(Ikev1HashAlgorithm.Sha256, Sha256Key, 32, "b10fff32cbeaa1e7afe6ab0b191e0bd63cd524849a4b56019146d232a24cf9af")]
    [InlineData(Ikev1HashAlgorithm.Sha256, Sha256Key, 15, "b10fff32cbeaa1e7afe6ab0b191e0b")]
    public void Section_5_5_keymat_expansion(Ikev1HashAlgorithm hash, string skeyidD, int size, string expected)
    {
        Assert.True(Ikev1Algorithms.TryGetPrf(hash, out var prf));

        Assert.Equal(Hex.Bytes(expected), Ikev1KeyDerivation.ExpandKeyMaterial(prf, Hex.Bytes(skeyidD), [0x00], size));
    }
}
