namespace Engine.Ike.Encoding.VendorIds;

/// <summary>
/// Vendor IDs that matter to an IKEv1 peer of Windows, macOS, Android and strongSwan.
/// Most are MD5 of a string (checked with md5sum when this table was written); the byte values
/// agree with strongSwan's src/libcharon/sa/ikev1/tasks/isakmp_vendor.c and Wireshark's
/// epan/dissectors/packet-isakmp.c, and the Microsoft ones with ike-scan's and nmap's tables
/// (nselib/data/ike-fingerprints.lua, which cites [MS-IKEE]).
/// </summary>
public static class VendorIdCatalog
{
    /// <summary>MD5("RFC 3947").</summary>
    public static readonly KnownVendorId NatTraversalRfc3947 =
        new("RFC 3947 NAT-T", VendorIdFeature.NatTraversalRfc3947, "4a131c81070358455c5728f20e95452f");

    /// <summary>MD5("draft-ietf-ipsec-nat-t-ike-03").</summary>
    public static readonly KnownVendorId NatTraversalDraft03 =
        new("draft-ietf-ipsec-nat-t-ike-03", VendorIdFeature.NatTraversalDraft, "7d9419a65310ca6f2c179d9215529d56");

    /// <summary>MD5("draft-ietf-ipsec-nat-t-ike-02").</summary>
    public static readonly KnownVendorId NatTraversalDraft02 =
        new("draft-ietf-ipsec-nat-t-ike-02", VendorIdFeature.NatTraversalDraft, "cd60464335df21f87cfdb2fc68b6a448");

    /// <summary>MD5("draft-ietf-ipsec-nat-t-ike-02\n"), the "02n" that Windows XP and Mac OS X send.</summary>
    public static readonly KnownVendorId NatTraversalDraft02N =
        new("draft-ietf-ipsec-nat-t-ike-02\\n", VendorIdFeature.NatTraversalDraft, "90cb80913ebb696e086381b5ec427b1f");

    /// <summary>MD5("draft-ietf-ipsec-nat-t-ike-00").</summary>
    public static readonly KnownVendorId NatTraversalDraft00 =
        new("draft-ietf-ipsec-nat-t-ike-00", VendorIdFeature.NatTraversalDraft00, "4485152d18b6bbcd0be8a8469579ddcc");

    /// <summary>RFC 3706 section 5.1: 16 bytes whose last two are major/minor version 1.0.</summary>
    public static readonly KnownVendorId DeadPeerDetection =
        new("RFC 3706 DPD", VendorIdFeature.DeadPeerDetection, "afcad71368a1f1c96b8696fc77570100");

    /// <summary>
    /// MD5("FRAGMENTATION"). Windows sends these 16 bytes alone (Wireshark names that form
    /// "Microsoft L2TP/IPSec VPN Client"); a 4-byte capability word may follow.
    /// </summary>
    public static readonly KnownVendorId IkeFragmentation =
        new("FRAGMENTATION", VendorIdFeature.IkeFragmentation, "4048b7d56ebce88525e7de7f00d6c2d3", 16, 16, 20);

    /// <summary>
    /// MD5("FRAGMENTATION") plus capabilities 0x80000000 (fragmentation of Main and Aggressive
    /// Mode), the form racoon, Cisco and strongSwan send.
    /// </summary>
    public static readonly KnownVendorId IkeFragmentationCapable =
        new("FRAGMENTATION (capable)", VendorIdFeature.IkeFragmentation, "4048b7d56ebce88525e7de7f00d6c2d380000000");

    /// <summary>
    /// MD5("MS NT5 ISAKMPOAKLEY") followed by a 32-bit Windows version
    /// (see <see cref="WindowsVersionName"/>).
    /// </summary>
    public static readonly KnownVendorId MicrosoftWindows =
        new("MS NT5 ISAKMPOAKLEY", VendorIdFeature.Implementation, "1e2b516905991c7d7c96fcbfb587e461", 16, 16, 20);

    /// <summary>MD5("MS-Negotiation Discovery Capable"), sent by Windows Vista and later.</summary>
    public static readonly KnownVendorId MicrosoftNegotiationDiscovery =
        new("MS-Negotiation Discovery Capable", VendorIdFeature.NegotiationDiscovery, "fb1de3cdf341b7ea16b7e5be0855f120");

    /// <summary>MD5("Vid-Initial-Contact"), Windows' vendor-ID form of INITIAL-CONTACT.</summary>
    public static readonly KnownVendorId MicrosoftInitialContact =
        new("Vid-Initial-Contact", VendorIdFeature.InitialContact, "26244d38eddb61b3172a36e3d0cfb819");

    /// <summary>MD5("IKE CGA version 1"), sent by Windows Vista and later.</summary>
    public static readonly KnownVendorId MicrosoftCgaVersion1 =
        new("IKE CGA version 1", VendorIdFeature.CgaAuthentication, "e3a5966a76379fe707228231e5ce8652");

    /// <summary>The first 8 bytes of MD5("draft-ietf-ipsra-isakmp-xauth-06.txt").</summary>
    public static readonly KnownVendorId Xauth =
        new("draft-ietf-ipsra-isakmp-xauth-06.txt", VendorIdFeature.Xauth, "09002689dfd6b712");

    /// <summary>MD5("CISCO-UNITY") with the last two bytes replaced by major/minor version (1.0 here).</summary>
    public static readonly KnownVendorId CiscoUnity =
        new("CISCO-UNITY", VendorIdFeature.CiscoUnity, "12f5f28c457168a9702d9fe274cc0100", 14, 16);

    /// <summary>MD5("strongSwan").</summary>
    public static readonly KnownVendorId StrongSwan =
        new("strongSwan", VendorIdFeature.Implementation, "882fe56d6fd20dbc2251613b2ebe5beb");

    /// <summary>MD5("IpSecPolicy engine"): this engine, so that a peer's log (and our own trace) can tell it apart.</summary>
    public static readonly KnownVendorId IpSecPolicyEngine =
        new("IpSecPolicy engine", VendorIdFeature.Implementation, "111d9134fb732949cc729c27c6a01760");

    /// <summary>Every entry; exact ones first so that a longer exact form wins over a prefix.</summary>
    public static IReadOnlyList<KnownVendorId> All { get; } =
    [
        NatTraversalRfc3947, NatTraversalDraft03, NatTraversalDraft02, NatTraversalDraft02N, NatTraversalDraft00,
        DeadPeerDetection, IkeFragmentationCapable, MicrosoftNegotiationDiscovery, MicrosoftInitialContact,
        MicrosoftCgaVersion1, Xauth, StrongSwan, IpSecPolicyEngine,
        IkeFragmentation, MicrosoftWindows, CiscoUnity,
    ];

    /// <summary>The catalogue entry a received vendor ID matches, or null.</summary>
    public static VendorIdMatch? Identify(ReadOnlySpan<byte> vendorId)
    {
        foreach (var known in All)
        {
            if (known.Matches(vendorId))
            {
                // An exact match says nothing beyond the entry: one shared instance for every peer.
                return vendorId.Length == known.PrefixLength ? known.ExactMatch : new VendorIdMatch(known, vendorId[known.PrefixLength..]);
            }
        }

        return null;
    }

    /// <summary>
    /// The Windows release behind an MS NT5 ISAKMPOAKLEY version: 2-5 as Wireshark's
    /// ms_nt5_isakmpoakley_type names them, 6-9 as nmap's ike-fingerprints.lua does. Public
    /// captures of later releases (Windows 10 Always On VPN, Windows Server 2016 and newer) show 9 too.
    /// </summary>
    public static string WindowsVersionName(uint version) => version switch
    {
        2 => "Windows 2000",
        3 => "Windows XP SP1",
        4 => "Windows 2003 and Windows XP SP2",
        5 => "Windows Vista",
        6 => "Windows Server 2008",
        7 => "Windows 7",
        8 => "Windows Server 2008 R2",
        9 => "Windows 8 or later",
        _ => $"Windows (version {version})",
    };
}
