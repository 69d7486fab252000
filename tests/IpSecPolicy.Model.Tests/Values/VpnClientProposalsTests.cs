using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Values;

/// <summary>
/// Each built-in client's offers as /work/shared/reference/windows-ipsec-policy.md ("Built-in
/// L2TP/IPsec clients") tabulates them, Android's in the order of AOSP's racoon (external/ipsec-tools
/// setup.c: each cipher with SHA1 then MD5, all group 2; the sainfo proposes cipher x hash, cipher
/// outermost), and the gateway's lists covering every profile.
/// </summary>
public sealed class VpnClientProposalsTests
{
    public static TheoryData<VpnProposalProfile> Profiles()
    {
        var data = new TheoryData<VpnProposalProfile>();
        foreach (var profile in Enum.GetValues<VpnProposalProfile>())
        {
            data.Add(profile);
        }

        return data;
    }

    [Fact]
    public void Windows_XP_offers_3DES_SHA1_group_2_in_main_mode_and_ESP_3DES_SHA1_first()
    {
        Assert.Equal(new[] { "3DES-SHA1-2" }, MainMode(VpnProposalProfile.WindowsXP));
        Assert.Equal("ESP[3DES,SHA1]:250000k/3600s", QuickMode(VpnProposalProfile.WindowsXP)[0]);
        Assert.All(VpnClientProposals.QuickMode(VpnProposalProfile.WindowsXP), m => Assert.Equal(EncryptionAlgorithm.TripleDES, m.Encryption));
    }

    [Theory]
    [InlineData(VpnProposalProfile.Windows10)]
    [InlineData(VpnProposalProfile.Windows11)]
    public void Windows_10_and_11_lead_with_the_elliptic_curve_groups_then_AES_and_3DES_with_groups_14_and_2(VpnProposalProfile profile)
    {
        var mainMode = VpnClientProposals.MainMode(profile);

        Assert.Equal(new[] { "AES256-SHA1-20", "AES128-SHA1-19", "AES256-SHA1-14" }, mainMode.Take(3).Select(m => m.ToString()));
        Assert.All(mainMode.Skip(3), m =>
        {
            Assert.Contains(m.Encryption, new[] { EncryptionAlgorithm.AES256, EncryptionAlgorithm.AES128, EncryptionAlgorithm.TripleDES });
            Assert.Contains(m.DHGroup, new[] { DHGroup.Group14, DHGroup.Group2 });
        });
        Assert.All(mainMode, m => Assert.Equal(IntegrityAlgorithm.SHA1, m.Hash));
    }

    [Theory]
    [InlineData(VpnProposalProfile.Windows10)]
    [InlineData(VpnProposalProfile.Windows11)]
    public void Windows_10_and_11_offer_ESP_AES_CBC_with_HMAC_SHA1_then_3DES(VpnProposalProfile profile)
    {
        Assert.Equal(new[] { "ESP[AES256,SHA1]:250000k/3600s", "ESP[AES128,SHA1]:250000k/3600s", "ESP[3DES,SHA1]:250000k/3600s" }, QuickMode(profile));
    }

    [Fact]
    public void Windows_11_offers_what_Windows_10_offers()
    {
        Assert.Equal(MainMode(VpnProposalProfile.Windows10), MainMode(VpnProposalProfile.Windows11));
        Assert.Equal(QuickMode(VpnProposalProfile.Windows10), QuickMode(VpnProposalProfile.Windows11));
    }

    [Theory]
    [InlineData(VpnProposalProfile.MacOS)]
    [InlineData(VpnProposalProfile.IOS)]
    public void Apple_leads_with_AES256_SHA256_group_14_and_still_offers_the_older_group_2_methods(VpnProposalProfile profile)
    {
        var mainMode = VpnClientProposals.MainMode(profile);

        Assert.Equal("AES256-SHA256-14", mainMode[0].ToString());
        Assert.Contains(mainMode, m => m.DHGroup == DHGroup.Group2 && m.Encryption == EncryptionAlgorithm.AES256 && m.Hash == IntegrityAlgorithm.SHA1);
        Assert.Contains(mainMode, m => m.DHGroup == DHGroup.Group2 && m.Encryption == EncryptionAlgorithm.TripleDES && m.Hash == IntegrityAlgorithm.SHA1);
        Assert.Contains(mainMode, m => m.DHGroup == DHGroup.Group2 && m.Hash == IntegrityAlgorithm.MD5);
    }

    [Theory]
    [InlineData(VpnProposalProfile.MacOS)]
    [InlineData(VpnProposalProfile.IOS)]
    public void Apple_offers_ESP_AES_before_3DES_and_SHA1_before_MD5(VpnProposalProfile profile)
    {
        var quickMode = VpnClientProposals.QuickMode(profile);

        Assert.Equal("ESP[AES256,SHA256]:250000k/3600s", quickMode[0].ToString());
        var lastSha1 = quickMode.ToList().FindLastIndex(m => m.Integrity == IntegrityAlgorithm.SHA1);
        var firstMd5 = quickMode.ToList().FindIndex(m => m.Integrity == IntegrityAlgorithm.MD5);
        Assert.True(lastSha1 < firstMd5);
        foreach (var hash in new[] { IntegrityAlgorithm.SHA1, IntegrityAlgorithm.MD5 })
        {
            var withHash = quickMode.Where(m => m.Integrity == hash).ToList();
            Assert.True(withHash.FindLastIndex(m => m.Encryption != EncryptionAlgorithm.TripleDES) < withHash.FindIndex(m => m.Encryption == EncryptionAlgorithm.TripleDES));
        }
    }

    [Fact]
    public void MacOS_and_IOS_offer_the_same()
    {
        Assert.Equal(MainMode(VpnProposalProfile.MacOS), MainMode(VpnProposalProfile.IOS));
        Assert.Equal(QuickMode(VpnProposalProfile.MacOS), QuickMode(VpnProposalProfile.IOS));
    }

    [Fact]
    public void Android_offers_every_cipher_with_SHA1_then_MD5_all_with_group_2_as_racoon_does()
    {
        Assert.Equal(
            new[] { "AES256-SHA1-2", "AES256-MD5-2", "AES128-SHA1-2", "AES128-MD5-2", "3DES-SHA1-2", "3DES-MD5-2", "DES-SHA1-2", "DES-MD5-2" },
            MainMode(VpnProposalProfile.Android));
        Assert.Equal(
            new[] { "AES256,SHA1", "AES256,MD5", "AES128,SHA1", "AES128,MD5", "3DES,SHA1", "3DES,MD5", "DES,SHA1", "DES,MD5" },
            QuickMode(VpnProposalProfile.Android).Select(m => m.Substring("ESP[".Length, m.IndexOf(']') - "ESP[".Length)));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_profile_offers_ESP_without_duplicates_with_Windows_quick_mode_lifetimes(VpnProposalProfile profile)
    {
        var mainMode = VpnClientProposals.MainMode(profile);
        var quickMode = VpnClientProposals.QuickMode(profile);

        Assert.NotEmpty(mainMode);
        Assert.NotEmpty(quickMode);
        Assert.Equal(mainMode.Count, mainMode.Distinct().Count());
        Assert.Equal(quickMode.Count, quickMode.Distinct().Count());
        Assert.All(quickMode, m =>
        {
            Assert.Equal(SecurityProtocol.Esp, m.Protocol);
            Assert.False(m.IsAead);
            Assert.Equal(3600, m.LifetimeSeconds);
            Assert.Equal(250000, m.LifetimeKilobytes);
        });
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_gateway_accepts_every_method_of_every_profile_but_DES(VpnProposalProfile profile)
    {
        var mainMode = VpnClientProposals.GatewayMainMode();
        var quickMode = VpnClientProposals.GatewayQuickMode();

        Assert.All(VpnClientProposals.MainMode(profile).Where(m => m.Encryption != EncryptionAlgorithm.DES), m => Assert.Contains(m, mainMode));
        Assert.All(VpnClientProposals.QuickMode(profile).Where(m => m.Encryption != EncryptionAlgorithm.DES), m => Assert.Contains(m, quickMode));
        Assert.Contains(VpnClientProposals.MainMode(profile), m => mainMode.Contains(m));
        Assert.Contains(VpnClientProposals.QuickMode(profile), m => quickMode.Contains(m));
    }

    [Fact]
    public void The_gateway_accepts_no_DES_and_prefers_the_strongest_list_without_duplicates()
    {
        var mainMode = VpnClientProposals.GatewayMainMode();
        var quickMode = VpnClientProposals.GatewayQuickMode();

        Assert.DoesNotContain(mainMode, m => m.Encryption == EncryptionAlgorithm.DES);
        Assert.DoesNotContain(quickMode, m => m.Encryption == EncryptionAlgorithm.DES);
        Assert.Equal(mainMode.Count, mainMode.Distinct().Count());
        Assert.Equal(quickMode.Count, quickMode.Distinct().Count());
        Assert.Equal(MainMode(VpnProposalProfile.Default), mainMode.Take(VpnClientProposals.MainMode(VpnProposalProfile.Default).Count).Select(m => m.ToString()));
        Assert.Equal(QuickMode(VpnProposalProfile.Default), quickMode.Take(VpnClientProposals.QuickMode(VpnProposalProfile.Default).Count).Select(m => m.ToString()));
    }

    private static string[] MainMode(VpnProposalProfile profile) => VpnClientProposals.MainMode(profile).Select(m => m.ToString()).ToArray();

    private static string[] QuickMode(VpnProposalProfile profile) => VpnClientProposals.QuickMode(profile).Select(m => m.ToString()).ToArray();
}
