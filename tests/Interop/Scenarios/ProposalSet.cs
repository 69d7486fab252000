using System.Collections.Generic;
using System.Linq;

namespace Interop.Scenarios;

/// <summary>
/// A proposal set that real IKEv1 clients send, configured on strongSwan, and the policy methods an
/// administrator writes to match it; with what both sides must report as chosen.
/// </summary>
internal sealed record ProposalSet(
    string Key,
    string Client,
    string StrongSwanIke,
    string StrongSwanEsp,
    string[] OurMainMode,
    string[] OurQuickMode,
    string ExpectedIke,
    string ExpectedEsp,
    string ExpectedMainModeMethod,
    string ExpectedSecurityMethod,
    string? Offer = null)
{
    /// <summary>
    /// The sets: Windows XP's legacy 3DES/SHA1/DH2; Windows 10/11's three main mode offers; macOS and
    /// iOS; Android's racoon-style cross product (AES/3DES × SHA1/MD5, DH2), where our policy matches
    /// one transform from the middle of the peer's list; ESP AES-CBC with SHA1 and SHA-256, AES-GCM
    /// (128 and 256) and 3DES spread over them.
    /// </summary>
    // strongSwan's IKEv1 initiator sends only the first algorithm of each kind of a proposal
    // ("IKEv1 only supports one algorithm of each kind per proposal. Additional algorithms are
    // implicitly stripped", docs.strongswan.org, Algorithm Proposals): a cross product is one
    // proposal per combination, as Android's racoon sends it.
    private const string AndroidIke =
        "aes256-sha1-modp1024,aes128-sha1-modp1024,3des-sha1-modp1024,aes256-md5-modp1024,aes128-md5-modp1024,3des-md5-modp1024";

    private const string AndroidEsp = "aes256-sha1,aes128-sha1,3des-sha1,aes256-md5,aes128-md5,3des-md5";

    public static readonly IReadOnlyList<ProposalSet> All =
    [
        new("02a", "Windows XP", "3des-sha1-modp1024", "3des-sha1", ["3DES-SHA1-2"], ["ESP[3DES,SHA1]"],
            "IKE:3DES_CBC/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024", "ESP:3DES_CBC/HMAC_SHA1_96/NO_EXT_SEQ", "3DES-SHA1-2", "ESP[3DES,SHA1]"),
        new("02b", "Windows 10/11 (DH20)", "aes256-sha1-ecp384", "aes256-sha1", ["AES256-SHA1-20"], ["ESP[AES256,SHA1]"],
            "IKE:AES_CBC_256/HMAC_SHA1_96/PRF_HMAC_SHA1/ECP_384", "ESP:AES_CBC_256/HMAC_SHA1_96/NO_EXT_SEQ", "AES256-SHA1-20", "ESP[AES256,SHA1]"),
        new("02c", "Windows 10/11 (DH19)", "aes128-sha1-ecp256", "aes128-sha1", ["AES128-SHA1-19"], ["ESP[AES128,SHA1]"],
            "IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/ECP_256", "ESP:AES_CBC_128/HMAC_SHA1_96/NO_EXT_SEQ", "AES128-SHA1-19", "ESP[AES128,SHA1]"),
        new("02d", "Windows 10/11 (DH14)", "aes256-sha1-modp2048", "aes256gcm16", ["AES256-SHA1-14"], ["ESP[AESGCM256,None]"],
            "IKE:AES_CBC_256/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048", "ESP:AES_GCM_16_256/NO_EXT_SEQ", "AES256-SHA1-14", "ESP[AESGCM256,None]"),
        new("02e", "macOS/iOS", "aes256-sha256-modp2048", "aes256-sha256", ["AES256-SHA256-14"], ["ESP[AES256,SHA256]"],
            "IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048", "ESP:AES_CBC_256/HMAC_SHA2_256_128/NO_EXT_SEQ", "AES256-SHA256-14", "ESP[AES256,SHA256]"),
        new("02f", "Android", AndroidIke, AndroidEsp, ["AES128-MD5-2"], ["ESP[3DES,MD5]"],
            "IKE:AES_CBC_128/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024", "ESP:3DES_CBC/HMAC_MD5_96/NO_EXT_SEQ", "AES128-MD5-2", "ESP[3DES,MD5]",
            "6 IKE proposals aes256/aes128/3des × sha1/md5 with modp1024, 6 ESP proposals likewise"),
        new("02g", "AES-GCM-128 ESP", "aes128-sha256-modp2048", "aes128gcm16", ["AES128-SHA256-14"], ["ESP[AESGCM128,None]"],
            "IKE:AES_CBC_128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048", "ESP:AES_GCM_16_128/NO_EXT_SEQ", "AES128-SHA256-14", "ESP[AESGCM128,None]"),
    ];

    public static ProposalSet Named(string client) => All.Single(set => set.Client == client);

    /// <summary>What strongSwan offers, as the matrix shows it.</summary>
    public string StrongSwanOffer => Offer ?? $"{StrongSwanIke} / {StrongSwanEsp}";

    /// <summary>How the matrix shows our methods.</summary>
    public string Methods => $"{string.Join(", ", OurMainMode)} / {string.Join(", ", OurQuickMode)}";
}
