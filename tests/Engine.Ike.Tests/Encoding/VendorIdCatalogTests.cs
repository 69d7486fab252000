using System.Security.Cryptography;
using Engine.Ike.Encoding.VendorIds;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

public sealed class VendorIdCatalogTests
{
    /// <summary>
    /// The catalogue's MD5-derived IDs, recomputed here so a mistyped byte cannot hide; the strings
    /// are the ones strongSwan's isakmp_vendor.c and libreswan's vendor.c hash.
    /// </summary>
    public static IEnumerable<object[]> Md5Derived() =>
    [
        ["RFC 3947", nameof(VendorIdCatalog.NatTraversalRfc3947), 16],
        ["draft-ietf-ipsec-nat-t-ike-03", nameof(VendorIdCatalog.NatTraversalDraft03), 16],
        ["draft-ietf-ipsec-nat-t-ike-02", nameof(VendorIdCatalog.NatTraversalDraft02), 16],
        ["draft-ietf-ipsec-nat-t-ike-02\n", nameof(VendorIdCatalog.NatTraversalDraft02N), 16],
        ["draft-ietf-ipsec-nat-t-ike-00", nameof(VendorIdCatalog.NatTraversalDraft00), 16],
        ["FRAGMENTATION", nameof(VendorIdCatalog.IkeFragmentation), 16],
        ["FRAGMENTATION", nameof(VendorIdCatalog.IkeFragmentationCapable), 16],
        ["MS NT5 ISAKMPOAKLEY", nameof(VendorIdCatalog.MicrosoftWindows), 16],
        ["MS-Negotiation Discovery Capable", nameof(VendorIdCatalog.MicrosoftNegotiationDiscovery), 16],
        ["Vid-Initial-Contact", nameof(VendorIdCatalog.MicrosoftInitialContact), 16],
        ["IKE CGA version 1", nameof(VendorIdCatalog.MicrosoftCgaVersion1), 16],
        ["draft-ietf-ipsra-isakmp-xauth-06.txt", nameof(VendorIdCatalog.Xauth), 8],
        ["CISCO-UNITY", nameof(VendorIdCatalog.CiscoUnity), 14],
        ["strongSwan", nameof(VendorIdCatalog.StrongSwan), 16],
    ];

    [Theory]
    [MemberData(nameof(Md5Derived))]
    public void Md5_derived_vendor_ids_match_their_strings(string text, string field, int comparedBytes)
    {
        var known = (KnownVendorId)typeof(VendorIdCatalog).GetField(field)!.GetValue(null)!;
        var digest = MD5.HashData(System.Text.Encoding.ASCII.GetBytes(text));
        Assert.Equal(Hex.Format(digest.AsSpan(0, comparedBytes)), Hex.Format(known.Bytes.Span[..comparedBytes]));
    }

    [Fact]
    public void Dead_peer_detection_is_the_rfc_3706_value()
    {
        Assert.Equal("afcad71368a1f1c96b8696fc77570100", Hex.Format(VendorIdCatalog.DeadPeerDetection.Bytes.Span));
    }

    [Fact]
    public void Windows_vendor_id_carries_its_version()
    {
        var match = VendorIdCatalog.Identify(Hex.Parse("1e2b516905991c7d7c96fcbfb587e461 00000005"))!;
        Assert.Same(VendorIdCatalog.MicrosoftWindows, match.VendorId);
        Assert.Equal(5u, match.SuffixValue);
        Assert.Equal("Windows Vista", VendorIdCatalog.WindowsVersionName(match.SuffixValue!.Value));
        Assert.Equal("Windows 8 or later", VendorIdCatalog.WindowsVersionName(9));
    }

    [Theory]
    [InlineData("4048b7d56ebce88525e7de7f00d6c2d3", nameof(VendorIdCatalog.IkeFragmentation), "")]
    [InlineData("4048b7d56ebce88525e7de7f00d6c2d380000000", nameof(VendorIdCatalog.IkeFragmentationCapable), "")]
    [InlineData("4048b7d56ebce88525e7de7f00d6c2d3c0000000", nameof(VendorIdCatalog.IkeFragmentation), "c0000000")]
    [InlineData("12f5f28c457168a9702d9fe274cc0100", nameof(VendorIdCatalog.CiscoUnity), "0100")]
    [InlineData("12f5f28c457168a9702d9fe274cc0201", nameof(VendorIdCatalog.CiscoUnity), "0201")]
    [InlineData("09002689dfd6b712", nameof(VendorIdCatalog.Xauth), "")]
    public void Prefix_and_capability_forms_are_identified(string hex, string field, string suffix)
    {
        var known = (KnownVendorId)typeof(VendorIdCatalog).GetField(field)!.GetValue(null)!;
        var match = VendorIdCatalog.Identify(Hex.Parse(hex))!;
        Assert.Same(known, match.VendorId);
        Assert.Equal(suffix, Hex.Format(match.Suffix.Span));
    }

    [Theory]
    [InlineData("4a131c81070358455c5728f20e95452f00")]   // RFC 3947 with a stray byte
    [InlineData("4a131c81070358455c5728f20e9545")]       // cut short
    [InlineData("1e2b516905991c7d7c96fcbfb587e46100")]   // Windows with a 1-byte suffix
    [InlineData("00112233445566778899aabbccddeeff")]
    [InlineData("")]
    public void Anything_else_is_unknown(string hex)
    {
        Assert.Null(VendorIdCatalog.Identify(Hex.Parse(hex)));
    }

    [Fact]
    public void Every_entry_identifies_its_own_bytes()
    {
        foreach (var known in VendorIdCatalog.All)
        {
            Assert.Same(known, VendorIdCatalog.Identify(known.Bytes.Span)!.VendorId);
        }
    }
}
