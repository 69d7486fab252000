using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Values;

/// <summary>
/// What the built-in L2TP/IPsec clients offer in IKEv1 main mode and quick mode (ESP transport,
/// UDP 1701), in their order; docs/vpn-gateway.md cites where each list comes from. A VPN
/// connection offers exactly its profile's lists; the gateway accepts the union of all of them
/// except DES, which no gateway should accept (Windows RRAS has refused DES for L2TP/IPsec since
/// Vista and Server 2008 unless AllowL2TPWeakCrypto is set), and which every client that offers
/// it offers after 3DES or AES anyway.
/// </summary>
public static class VpnClientProposals
{
    /// <summary>Quick mode lifetimes the clients propose: Windows' 3600 s, 250,000 KB.</summary>
    private const long LifetimeKilobytes = 250000;

    private const int LifetimeSeconds = 3600;

    /// <summary>The main mode methods <paramref name="profile"/> offers, in its order.</summary>
    public static IReadOnlyList<MainModeMethod> MainMode(VpnProposalProfile profile) => profile switch
    {
        VpnProposalProfile.WindowsXP => Methods("3DES-SHA1-2"),
        VpnProposalProfile.Windows10 or VpnProposalProfile.Windows11 => Methods(
            "AES256-SHA1-20", "AES128-SHA1-19", "AES256-SHA1-14", "3DES-SHA1-14", "3DES-SHA1-2"),
        VpnProposalProfile.MacOS or VpnProposalProfile.IOS => Methods(
            "AES256-SHA256-14", "AES256-SHA1-14", "AES128-SHA1-14", "3DES-SHA1-14", "AES256-SHA1-2", "3DES-SHA1-2", "3DES-MD5-2"),
        // Android's racoon (AOSP external/ipsec-tools setup.c, Android 4 to 11): each cipher with
        // SHA1 then MD5, all MODP1024 (group 2).
        VpnProposalProfile.Android => Methods(
            "AES256-SHA1-2", "AES256-MD5-2", "AES128-SHA1-2", "AES128-MD5-2", "3DES-SHA1-2", "3DES-MD5-2", "DES-SHA1-2", "DES-MD5-2"),
        _ => Methods("AES256-SHA256-14", "AES256-SHA1-20", "AES128-SHA1-19", "AES256-SHA1-14", "3DES-SHA1-14", "3DES-SHA1-2"),
    };

    /// <summary>The quick mode methods (ESP, transport) <paramref name="profile"/> offers, in its order.</summary>
    public static IReadOnlyList<SecurityMethod> QuickMode(VpnProposalProfile profile) => profile switch
    {
        VpnProposalProfile.WindowsXP => Esp("3DES-SHA1", "3DES-MD5"),
        VpnProposalProfile.Windows10 or VpnProposalProfile.Windows11 => Esp("AES256-SHA1", "AES128-SHA1", "3DES-SHA1"),
        VpnProposalProfile.MacOS or VpnProposalProfile.IOS => Esp("AES256-SHA256", "AES256-SHA1", "AES128-SHA1", "3DES-SHA1", "AES256-MD5", "3DES-MD5"),
        // The same setup.c's sainfo: ciphers AES256, AES128, 3DES, DES and HMAC-SHA1, HMAC-MD5;
        // racoon proposes every cipher with every hash, cipher outermost.
        VpnProposalProfile.Android => Esp(
            "AES256-SHA1", "AES256-MD5", "AES128-SHA1", "AES128-MD5", "3DES-SHA1", "3DES-MD5", "DES-SHA1", "DES-MD5"),
        _ => Esp("AES256-SHA256", "AES256-SHA1", "AES128-SHA1", "3DES-SHA1"),
    };

    /// <summary>What the gateway accepts in main mode: every profile's methods but DES, first seen first.</summary>
    public static IReadOnlyList<MainModeMethod> GatewayMainMode() =>
        AllProfiles.SelectMany(MainMode).Where(m => m.Encryption != EncryptionAlgorithm.DES).Distinct().ToList();

    /// <summary>What the gateway accepts in quick mode: every profile's methods but DES, first seen first.</summary>
    public static IReadOnlyList<SecurityMethod> GatewayQuickMode() =>
        AllProfiles.SelectMany(QuickMode).Where(m => m.Encryption != EncryptionAlgorithm.DES).Distinct().ToList();

    // Default first, so the gateway's own preference is the strongest list.
    private static IEnumerable<VpnProposalProfile> AllProfiles => new[]
    {
        VpnProposalProfile.Default, VpnProposalProfile.Windows10, VpnProposalProfile.MacOS,
        VpnProposalProfile.Android, VpnProposalProfile.WindowsXP,
    };

    private static IReadOnlyList<MainModeMethod> Methods(params string[] texts) => texts.Select(MainModeMethod.Parse).ToList();

    private static IReadOnlyList<SecurityMethod> Esp(params string[] pairs) => pairs
        .Select(pair => pair.Split('-'))
        .Select(parts => new SecurityMethod(SecurityProtocol.Esp, Encryption(parts[0]), Integrity(parts[1]),
            lifetimeKilobytes: LifetimeKilobytes, lifetimeSeconds: LifetimeSeconds))
        .ToList();

    private static EncryptionAlgorithm Encryption(string text) =>
        AlgorithmNames.TryParseEncryption(text, out var value) ? value : throw new System.ArgumentException(text);

    private static IntegrityAlgorithm Integrity(string text) =>
        AlgorithmNames.TryParseIntegrity(text, out var value) ? value : throw new System.ArgumentException(text);
}
