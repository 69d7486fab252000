using Engine.Crypto.Ikev1;
using Engine.Crypto.Prf;
using Engine.Crypto.Registry;

namespace Engine.Crypto.Tests.Ikev1;

/// <summary>
/// SKEYID and its derivatives against NIST CAVP's IKEv1 KDF samples (SP 800-135 section 4.1.1),
/// as NSS carries them in gtests/common/testvectors/ike-sha1-vectors.h and ike-sha256-vectors.h
/// (cases 1-5 of each, "from this NIST samples": one signature-mode case for SKEYID and
/// SKEYID_d/a/e, one pre-shared-key case for SKEYID).
/// </summary>
public class CavpSkeyidTests
{
    [Theory]
    [InlineData(
        Ikev1HashAlgorithm.Sha1,
        "69a62284195f1680", "80c94ba25c8abda5",
        "8ba4cbc73c0187301dc19a975823854dbd641c597f637f8d053a83b9514673eb",
        "707197817fb2d90cf54d1842606bdea59b9f4823")]
    [InlineData(
        Ikev1HashAlgorithm.Sha256,
        "b1dee62505b47b223bae14ce7a5b757402ad1587511618d09f94950d47f1d8d4ce86aca12d78db9854d86019ad735757ae79d8932ac0c7db842c85060150ca875ea5d47e3cfcb2a05922ebb7959d49b9797a2289676ee79a1d9a18b790f87e4771ddaf4be3376057a553162f68fe429aca73b07234543801ba2122b1bde82251770d05df813cf556a11ca4dc43ffcb85a97dbed16e2fda6985e07e31be6364899e63c507c7c616e5eb7765a53560f76772de43918ba07badfe85244dcdcd917cb065afb60e3b7e68b54dd94bfc7c31c8b752892781ed3cc4b7f28fbc0ab9af908f5ae1f09f893f80100a7b3135993161b51fbba3bbb24b9f88c6147de82cd6f0",
        "f0acfef2ad1f7add0eaafda78c1cf1097d9fc91cb04a7c145069ac426fd164cbe661b1dd2df0fb84e19512181f0d8ea50b7860845f332757a8e56d2a3b7be436b5718a2d49baa996a4616684a208c2d611cd65e605dca6e3d3f116859b4410fe13679696bb2e23c08a40c7e1316d54b4c9c0286701c221151b3642cb4112ca1a53e0e597a7e29c634caed86ca3c31973d37b4c346134fd6784cd99913feedf3d29d89a0a02a5a750f02f5738109dcc670bb27701fb59f78e83b76860c3fec079a1fc8c937ddb58ae7500422b7e49ce63759c65b6bc439381d56bcc159edede894b073841036ebfa050a5b3e7c876a3f18def26b1768a263ac66c9d83b680eb5e",
        "a1ff3dc6cf9b4c04709943cb4ca1f1789bcf360b03f1d027de3ae8ee039e9155",
        "750c5c94b9c2ec20b68033e024dadf0fa87e8b48c6561b21c72478451a06583d")]
    public void Skeyid_for_signatures_matches(Ikev1HashAlgorithm hash, string ni, string nr, string gxy, string skeyid)
    {
        Assert.True(Ikev1Algorithms.TryGetPrf(hash, out var prf));

        Assert.Equal(Hex.Bytes(skeyid), Ikev1Skeyid.ForSignatures(prf, Hex.Bytes(ni), Hex.Bytes(nr), Hex.Bytes(gxy)));
    }

    [Theory]
    [InlineData(Ikev1HashAlgorithm.Sha1, "c0", "03a6f25a83c8c2a3", "9d958a6618f77e7f", "ab3be41bc62f2ef0c41a3076d58768be77fadd2e")]
    [InlineData(Ikev1HashAlgorithm.Sha256, "a0", "ead9ced494868f41", "f1aff4f425a94f18", "558a99b299773d267cf7c8ef073bf3b7af362c206c75a538403c5ef884d4cace")]
    public void Skeyid_for_pre_shared_keys_matches(Ikev1HashAlgorithm hash, string psk, string ni, string nr, string skeyid)
    {
        Assert.True(Ikev1Algorithms.TryGetPrf(hash, out var prf));

        Assert.Equal(Hex.Bytes(skeyid), Ikev1Skeyid.ForPreSharedKey(prf, Hex.Bytes(psk), Hex.Bytes(ni), Hex.Bytes(nr)));
    }

    [Theory]
    [InlineData(
        Ikev1HashAlgorithm.Sha1,
        "707197817fb2d90cf54d1842606bdea59b9f4823",
        "8ba4cbc73c0187301dc19a975823854dbd641c597f637f8d053a83b9514673eb",
        "8c3bcd3a69831d7f", "d2d9a7ff4fbe95a7",
        "384be709a8a5e63c3ed160cfe3921c4b37d5b32d",
        "48b327575abe3adba0f279849e289022a13e2b47",
        "a4a415c8e0c38c0da847c356cc61c24df8025560")]
    [InlineData(
        Ikev1HashAlgorithm.Sha256,
        "750c5c94b9c2ec20b68033e024dadf0fa87e8b48c6561b21c72478451a06583d",
        "a1ff3dc6cf9b4c04709943cb4ca1f1789bcf360b03f1d027de3ae8ee039e9155",
        "6c6beb72631ddc3d", "b84e24b22cffbd14",
        "a4f7ca7de913814813e3312099e7c943bd293483f387532330237f1b20957310",
        "1d4b705746c43b0a6fcbb8db33983c0f24ff6f8b6543e3779fed227c6067f004",
        "03e6f16cd9ce9f64b5cdc5b34cca7163483ba5389a30afebef3d14640b0a815e")]
    public void Skeyid_derivatives_match(
        Ikev1HashAlgorithm hash, string skeyid, string gxy, string ckyI, string ckyR, string skeyidD, string skeyidA, string skeyidE)
    {
        Assert.True(Ikev1Algorithms.TryGetPrf(hash, out var prf));

        var keys = Ikev1KeyDerivation.DerivePhase1(prf, Hex.Bytes(skeyid), Hex.Bytes(gxy), Hex.Bytes(ckyI), Hex.Bytes(ckyR), encryptionKeySize: 16);

        Assert.Equal(Hex.Bytes(skeyidD), keys.SkeyidD);
        Assert.Equal(Hex.Bytes(skeyidA), keys.SkeyidA);
        Assert.Equal(Hex.Bytes(skeyidE), keys.SkeyidE);
        Assert.Equal(Hex.Bytes(skeyidE)[..16], keys.EncryptionKey);
    }
}
