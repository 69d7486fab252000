using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Values;

/// <summary>
/// What the built-in L2TP/IPsec clients offer in IKEv1 main mode and quick mode (ESP transport,
/// UDP 1701), in their order; docs/vpn-gateway.md cites where each list comes from. A VPN
/// connection offers exactly its profile's lists; the gateway accepts the union of all of them.
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
        VpnProposalProfile.Android => Methods(
            "AES256-SHA1-2", "AES128-SHA1-2", "3DES-SHA1-2", "AES256-MD5-2", "AES128-MD5-2", "3DES-MD5-2"),
        _ => Methods("AES256-SHA256-14", "AES256-SHA1-20", "AES128-SHA1-19", "AES256-SHA1-14", "3DES-SHA1-14", "3DES-SHA1-2"),
    };

    /// <summary>The quick mode methods (ESP, transport) <paramref name="profile"/> offers, in its order.</summary>
    public static IReadOnlyList<SecurityMethod> QuickMode(VpnProposalProfile profile) => profile switch
    {
        VpnProposalProfile.WindowsXP => Esp("3DES-SHA1", "3DES-MD5"),
        VpnProposalProfile.Windows10 or VpnProposalProfile.Windows11 => Esp("AES256-SHA1", "AES128-SHA1", "3DES-SHA1"),
        VpnProposalProfile.MacOS or VpnProposalProfile.IOS => Esp("AES256-SHA256", "AES256-SHA1", "AES128-SHA1", "3DES-SHA1", "AES256-MD5", "3DES-MD5"),
        VpnProposalProfile.Android => Esp("AES256-SHA1", "AES128-SHA1", "3DES-SHA1", "AES256-MD5", "AES128-MD5", "3DES-MD5"),
        _ => Esp("AES256-SHA256", "AES256-SHA1", "AES128-SHA1", "3DES-SHA1"),
    };

    /// <summary>What the gateway accepts in main mode: every profile's methods, first seen first.</summary>
    public static IReadOnlyList<MainModeMethod> GatewayMainMode() =>
        AllProfiles.SelectMany(MainMode).Distinct().ToList();

    /// <summary>What the gateway accepts in quick mode: every profile's methods, first seen first.</summary>
    public static IReadOnlyList<SecurityMethod> GatewayQuickMode() =>
        AllProfiles.SelectMany(QuickMode).Distinct().ToList();

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
