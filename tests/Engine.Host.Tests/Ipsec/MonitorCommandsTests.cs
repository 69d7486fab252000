using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.Host.Tests.Support.Ipsec;
using Engine.Ike;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Kernel;
using Engine.Ike.Sa;
using Engine.Ike.Selectors;
using Engine.Ike.Statistics;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Host.Tests.Ipsec;

/// <summary>
/// The IP Security Monitor's control commands (GetMainModeSa, GetQuickModeSa, Remove*, GetStatistics,
/// ExportWiresharkKeys) over two real IKE engines with real data planes, and over a fake monitor
/// for what a pair does not produce.
/// </summary>
public sealed class MonitorCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly IkePair pair;
    private readonly MonitorControl initiator;
    private readonly MonitorControl responder;

    public MonitorCommandsTests()
    {
        pair = new IkePair(clock);
        initiator = new MonitorControl(new PeerMonitor(pair, pair.Initiator), clock);
        responder = new MonitorControl(new PeerMonitor(pair, pair.Responder), clock);
    }

    public void Dispose()
    {
        initiator.Dispose();
        responder.Dispose();
        pair.Dispose();
    }

    [Fact]
    public void The_commands_are_registered_once_however_often_they_are_added()
    {
        Assert.Equal(
            new[] { "ExportWiresharkKeys", "GetMainModeSa", "GetQuickModeSa", "GetStatistics", "RemoveMainModeSa", "RemoveQuickModeSa" },
            initiator.Commands);
    }

    [Fact]
    public void Before_any_negotiation_the_lists_are_empty()
    {
        Assert.Empty(initiator.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa));
        Assert.Empty(initiator.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));
    }

    [Fact]
    public void GetMainModeSa_describes_each_side_of_the_isakmp_sa_in_the_modules_words()
    {
        pair.Negotiate();
        clock.Advance(TimeSpan.FromMinutes(10));

        var ours = Assert.Single(initiator.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa));
        var theirs = Assert.Single(responder.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa));

        Assert.Matches("^[0-9a-f]{16}/[0-9a-f]{16}$", ours.Id);
        Assert.Equal(ours.Id, theirs.Id);
        Assert.Equal(("Established", "Initiator", "Responder"), (ours.State, ours.Role, theirs.Role));
        Assert.Equal(("192.0.2.10", 500, "192.0.2.20", 500), (ours.LocalAddress, ours.LocalPort, ours.PeerAddress, ours.PeerPort));
        Assert.Equal(("AES128-SHA1-19", "AES128", "SHA1", 19), (ours.MainModeMethod, ours.Encryption, ours.Integrity, ours.DHGroup));
        Assert.Equal("PreSharedKey", ours.Authentication);
        Assert.Equal((Start, Start), (ours.Created, ours.Established!.Value));
        Assert.Equal((28800L, 28800L - 600), (ours.LifetimeSeconds, ours.SecondsRemaining!.Value));
        Assert.Equal(1, ours.QuickModeCount);
        Assert.False(ours.NatDetected);
        Assert.Equal("Rfc3947", ours.NatTraversal);
        Assert.Equal("IpSecPolicy engine", ours.PeerType);
        Assert.Contains("IpSecPolicy engine", ours.PeerVendorIds);
    }

    [Fact]
    public void GetQuickModeSa_shows_the_rule_traffic_algorithms_spis_lifetimes_and_traffic_each_way()
    {
        pair.Negotiate();
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(pair.Send(pair.Initiator, 40000, 7, Encoding.ASCII.GetBytes($"ping {i}")));
        }

        Assert.NotNull(pair.Send(pair.Responder, 7, 40000, Encoding.ASCII.GetBytes("pong")));
        clock.Advance(TimeSpan.FromSeconds(100));

        var ours = Assert.Single(initiator.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));
        var theirs = Assert.Single(responder.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));

        Assert.Equal(("Partner hosts", "Installed", "Initiator", "Transport"), (ours.Rule, ours.State, ours.Role, ours.Mode));
        Assert.Equal(("192.0.2.10", "192.0.2.20"), (ours.LocalAddress, ours.PeerAddress));
        Assert.Equal(("192.0.2.10 proto any port any", "192.0.2.20 proto any port any"), (ours.LocalTrafficSelector, ours.RemoteTrafficSelector));
        Assert.Equal(("ESP[AES128,SHA1]", "ESP", "AES128", "SHA1"), (ours.SecurityMethod, ours.Protocol, ours.Encryption, ours.Integrity));
        Assert.Null(ours.AhIntegrity);
        Assert.Matches("^0x[0-9a-f]{8}$", ours.EspInboundSpi);
        Assert.Equal((ours.EspInboundSpi, ours.EspOutboundSpi), (theirs.EspOutboundSpi, theirs.EspInboundSpi));
        Assert.Equal($"0x{pair.Initiator.Kernel.Installed.Single(sa => sa.Direction == SaDirection.Inbound).Id.Spi:x8}", ours.EspInboundSpi);
        Assert.Null(ours.AhInboundSpi);
        Assert.Equal(("None", (int?)null, (int?)null), (ours.Encapsulation, ours.LocalUdpPort, ours.PeerUdpPort));
        Assert.False(ours.PerfectForwardSecrecy);
        Assert.Equal((3600L, 3500L), (ours.LifetimeSeconds, ours.SecondsRemaining));
        Assert.Equal((100000ul, 100000ul), (ours.LifetimeKilobytes, ours.KilobytesRemaining!.Value));
        Assert.Equal((3ul, 1ul), (ours.PacketsOut, ours.PacketsIn));
        Assert.Equal((1ul, 3ul), (theirs.PacketsOut, theirs.PacketsIn));
        Assert.Equal(ours.BytesOut, theirs.BytesIn);
        Assert.True(ours.BytesOut > 0);
        Assert.NotNull(ours.LastUsed);
    }

    [Fact]
    public void RemoveQuickModeSa_deletes_both_directions_tells_the_peer_and_returns_the_sa_as_it_was()
    {
        pair.Negotiate();
        var sa = Assert.Single(initiator.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));

        var removed = initiator.Call<QuickModeSa>(ControlCommands.RemoveQuickModeSa, new SaReference { Id = sa.Id.ToString() });

        Assert.Equal((sa.Id, sa.EspInboundSpi), (removed.Id, removed.EspInboundSpi));
        Assert.Empty(initiator.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));
        Assert.Empty(responder.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));
        Assert.Empty(pair.Initiator.Kernel.Installed);
        Assert.Empty(pair.Responder.Kernel.Installed);
        Assert.Single(initiator.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa));
        var entry = Assert.Single(initiator.Log.Entries, e => e.EventId.Id == 1401);
        Assert.Contains($"Quick mode SA {sa.Id} (Partner hosts) with 192.0.2.20 deleted", entry.Text);
    }

    [Fact]
    public void RemoveMainModeSa_deletes_the_isakmp_sa_on_both_sides_and_leaves_the_quick_modes()
    {
        pair.Negotiate();
        var sa = Assert.Single(initiator.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa));

        var removed = initiator.Call<MainModeSa>(ControlCommands.RemoveMainModeSa, new SaReference { Id = sa.Id.ToUpperInvariant() });

        Assert.Equal(sa.Id, removed.Id);
        Assert.Empty(initiator.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa));
        Assert.Empty(responder.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa));
        Assert.Single(initiator.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));
        Assert.Single(responder.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));
        Assert.Contains(initiator.Log.Entries, e => e.EventId.Id == 1400 && e.Level == LogLevel.Information);
    }

    [Fact]
    public void Removing_what_is_not_there_is_ObjectNotFound_with_the_sa_error_ids()
    {
        pair.Negotiate();

        var mainMode = initiator.Refusal(ControlCommands.RemoveMainModeSa, new SaReference { Id = "0123456789abcdef/0123456789abcdef" });
        var quickMode = initiator.Refusal(ControlCommands.RemoveQuickModeSa, new SaReference { Id = "4711" });

        Assert.Equal(("MainModeSaNotFound", "ObjectNotFound"), (mainMode.Id, mainMode.Category));
        Assert.Contains("0123456789abcdef/0123456789abcdef", mainMode.Message);
        Assert.Equal(("QuickModeSaNotFound", "ObjectNotFound"), (quickMode.Id, quickMode.Category));
        Assert.Contains("4711", quickMode.Message);
        Assert.Single(responder.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));
    }

    [Theory]
    [InlineData(ControlCommands.RemoveQuickModeSa, "not a number")]
    [InlineData(ControlCommands.RemoveQuickModeSa, "-1")]
    [InlineData(ControlCommands.RemoveQuickModeSa, null)]
    [InlineData(ControlCommands.RemoveMainModeSa, "")]
    [InlineData(ControlCommands.RemoveMainModeSa, null)]
    public void A_missing_or_malformed_id_is_InvalidControlArgument(string command, string? id)
    {
        var refusal = initiator.Refusal(command, new SaReference { Id = id });

        Assert.Equal((ControlErrorIds.InvalidArgument, "InvalidArgument"), (refusal.Id, refusal.Category));
    }

    [Fact]
    public void GetStatistics_has_the_main_mode_counters_from_ike_and_the_quick_mode_counters_from_the_data_plane()
    {
        pair.Negotiate();
        Assert.NotNull(pair.Send(pair.Initiator, 40000, 7, Encoding.ASCII.GetBytes("one")));
        Assert.NotNull(pair.Send(pair.Responder, 7, 40000, Encoding.ASCII.GetBytes("two")));

        var ours = initiator.Call<IpSecStatistics>(ControlCommands.GetStatistics);
        var theirs = responder.Call<IpSecStatistics>(ControlCommands.GetStatistics);

        Assert.True(ours.Active);
        Assert.Equal(Start, ours.Time);
        Assert.Equal((1L, 0L, 1L, 1L, 0L), (ours.MainMode.TotalAcquire, ours.MainMode.TotalReceive, ours.MainMode.MainModeSas, ours.MainMode.QuickModeSas, ours.MainMode.NegotiationFailures));
        Assert.Equal((0L, 2L), (theirs.MainMode.TotalAcquire, theirs.MainMode.TotalReceive));
        Assert.Equal((2, 0, 2L, 0L, 0L), (ours.QuickMode.ActiveSas, ours.QuickMode.ActiveTunnels, ours.QuickMode.KeyAdditions, ours.QuickMode.KeyDeletions, ours.QuickMode.Rekeys));
        Assert.True(ours.QuickMode.ConfidentialBytesSent > 0);
        Assert.Equal(ours.QuickMode.ConfidentialBytesSent, ours.QuickMode.TransportBytesSent);
        Assert.Equal(ours.QuickMode.ConfidentialBytesSent, theirs.QuickMode.ConfidentialBytesReceived);
        Assert.Equal(0L, ours.QuickMode.BytesSentInTunnels);
        Assert.Equal((0L, 0L, 0L, 0L), (ours.QuickMode.BadSpiPackets, ours.QuickMode.PacketsNotAuthenticated, ours.QuickMode.PacketsNotDecrypted, ours.QuickMode.PacketsWithReplayDetection));
    }

    [Fact]
    public void GetStatistics_counts_what_the_data_plane_refuses()
    {
        pair.Negotiate();
        var packet = WirePackets.UdpPacket(new IPEndPoint(IkePair.InitiatorAddress, 40000), new IPEndPoint(IkePair.ResponderAddress, 7), Encoding.ASCII.GetBytes("tampered"));
        var (esp, _) = pair.Initiator.Seal(packet);
        esp[^1] ^= 0x01;

        Assert.Null(pair.Responder.Open(WirePackets.Ipv4(IkePair.InitiatorAddress, IkePair.ResponderAddress, WirePackets.Esp, esp), IkePair.InitiatorAddress));

        Assert.Equal(1L, responder.Call<IpSecStatistics>(ControlCommands.GetStatistics).QuickMode.PacketsNotAuthenticated);
    }

    [Fact]
    public void Get_results_never_carry_a_key()
    {
        pair.Negotiate();
        Assert.NotNull(pair.Send(pair.Initiator, 40000, 7, Encoding.ASCII.GetBytes("x")));

        var text = initiator.Raw(ControlCommands.GetMainModeSa) + initiator.Raw(ControlCommands.GetQuickModeSa) + initiator.Raw(ControlCommands.GetStatistics);
        var keys = pair.Initiator.Kernel.Installed.SelectMany(sa => new[] { sa.EncryptionKey, sa.IntegrityKey })
            .Concat(pair.Initiator.Engine.GetIkeSaKeys().Select(sa => sa.EncryptionKey))
            .Select(key => Convert.ToHexString(key.Span)).ToArray();

        Assert.Equal(5, keys.Length);
        foreach (var key in keys)
        {
            Assert.DoesNotContain(key, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(key)), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExportWiresharkKeys_gives_each_direction_and_the_isakmp_key_and_logs_only_that_it_did()
    {
        pair.Negotiate();

        var keys = initiator.Call<WiresharkKeys>(ControlCommands.ExportWiresharkKeys);

        Assert.Equal(2, keys.EspSas.Count);
        var outbound = pair.Initiator.Kernel.Installed.Single(sa => sa.Direction == SaDirection.Outbound);
        var exported = keys.EspSas.Single(sa => sa.Spi == $"0x{outbound.Id.Spi:x8}");
        Assert.Equal(("IPv4", "192.0.2.10", "192.0.2.20"), (exported.Protocol, exported.Source, exported.Destination));
        Assert.Equal(("AES-CBC [RFC3602]", "HMAC-SHA-1-96 [RFC2404]"), (exported.EncryptionAlgorithm, exported.AuthenticationAlgorithm));
        Assert.Equal("0x" + Convert.ToHexString(outbound.EncryptionKey.Span).ToLowerInvariant(), exported.EncryptionKey);
        Assert.Equal("0x" + Convert.ToHexString(outbound.IntegrityKey.Span).ToLowerInvariant(), exported.AuthenticationKey);
        var isakmp = Assert.Single(keys.IsakmpSas);
        var ikeKeys = Assert.Single(pair.Initiator.Engine.GetIkeSaKeys());
        Assert.Equal(($"{ikeKeys.InitiatorCookie:x16}", $"{ikeKeys.ResponderCookie:x16}", "192.0.2.20"), (isakmp.InitiatorCookie, isakmp.ResponderCookie, isakmp.PeerAddress));
        Assert.Equal(Convert.ToHexString(ikeKeys.EncryptionKey.Span).ToLowerInvariant(), isakmp.EncryptionKey);
        Assert.Empty(keys.Skipped);

        var entry = Assert.Single(initiator.Log.Entries, e => e.EventId.Id == 1402);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("2 ESP SAs and 1 ISAKMP SAs", entry.Text);
        foreach (var logged in initiator.Log.Entries)
        {
            Assert.DoesNotContain(exported.EncryptionKey[2..], logged.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(isakmp.EncryptionKey, logged.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Wireshark_names_cover_every_esp_transform_and_ah_is_skipped_with_a_reason()
    {
        var monitor = new FakeIpsecMonitor();
        monitor.InstalledSas.AddRange(
        [
            Sa(0x100, "2001:db8::1", "2001:db8::2", aead: AeadAlgorithms.AesGcm16Key256),
            Sa(0x101, "192.0.2.1", "192.0.2.2", cipher: CipherAlgorithms.TripleDesCbc, integrity: IntegrityAlgorithms.HmacMd5Icv96),
            Sa(0x102, "192.0.2.1", "192.0.2.2", cipher: CipherAlgorithms.DesCbc, integrity: IntegrityAlgorithms.HmacSha384Icv192),
            Sa(0x103, "192.0.2.1", "192.0.2.2", cipher: CipherAlgorithms.Null, integrity: IntegrityAlgorithms.HmacSha256Icv128),
            Sa(0x104, "192.0.2.1", "192.0.2.2", cipher: CipherAlgorithms.AesCbc256, integrity: IntegrityAlgorithms.HmacSha512Icv256),
            Sa(0x105, "192.0.2.1", "192.0.2.2", cipher: CipherAlgorithms.AesCbc192),
            Sa(0x106, "192.0.2.1", "192.0.2.2", integrity: IntegrityAlgorithms.HmacSha1Icv96, protocol: IpsecProtocol.Ah),
        ]);
        using var control = new MonitorControl(monitor, clock);

        var keys = control.Call<WiresharkKeys>(ControlCommands.ExportWiresharkKeys);

        Assert.Equal(
            new[]
            {
                ("0x00000100", "IPv6", "AES-GCM with 16 octet ICV [RFC4106]", "NULL"),
                ("0x00000101", "IPv4", "TripleDES-CBC [RFC2451]", "HMAC-MD5-96 [RFC2403]"),
                ("0x00000102", "IPv4", "DES-CBC [RFC2405]", "HMAC-SHA-384-192 [RFC4868]"),
                ("0x00000103", "IPv4", "NULL", "HMAC-SHA-256-128 [RFC4868]"),
                ("0x00000104", "IPv4", "AES-CBC [RFC3602]", "HMAC-SHA-512-256 [RFC4868]"),
                ("0x00000105", "IPv4", "AES-CBC [RFC3602]", "NULL"),
            },
            keys.EspSas.Select(sa => (sa.Spi, sa.Protocol, sa.EncryptionAlgorithm, sa.AuthenticationAlgorithm)));
        Assert.Equal(2 + 36 * 2, keys.EspSas[0].EncryptionKey.Length);
        Assert.Equal(string.Empty, keys.EspSas[0].AuthenticationKey);
        Assert.Equal(string.Empty, keys.EspSas[3].EncryptionKey);
        Assert.Equal(string.Empty, keys.EspSas[5].AuthenticationKey);
        Assert.Equal("AH SA 0x00000106 192.0.2.1 -> 192.0.2.2: AH encrypts nothing", Assert.Single(keys.Skipped));
    }

    [Fact]
    public void An_inactive_monitor_answers_with_empty_lists_and_zero_statistics()
    {
        using var control = new MonitorControl(new FakeIpsecMonitor { IsActive = false }, clock);

        var statistics = control.Call<IpSecStatistics>(ControlCommands.GetStatistics);

        Assert.False(statistics.Active);
        Assert.Equal(0L, statistics.MainMode.TotalAcquire);
        Assert.Equal(0, statistics.QuickMode.ActiveSas);
        Assert.Empty(control.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa));
        Assert.Empty(control.Call<WiresharkKeys>(ControlCommands.ExportWiresharkKeys).EspSas);
    }

    [Fact]
    public void Nat_traversal_ah_with_esp_and_pfs_are_described()
    {
        var monitor = new FakeIpsecMonitor
        {
            IkeStatistics = new IkeStatistics { ActiveAcquire = 2, SoftSas = 1, InvalidCookiesReceived = 3, QuickModeRekeys = 4 },
        };
        monitor.MainModeSas.Add(new MainModeSaInfo
        {
            Id = "0000000000000001/0000000000000002",
            Local = new IPEndPoint(IPAddress.Parse("10.1.1.1"), 4500),
            Remote = new IPEndPoint(IPAddress.Parse("203.0.113.9"), 40000),
            State = IkeSaState.Connecting,
            IsInitiator = false,
            Proposal = string.Empty,
            Created = Start,
            Lifetime = TimeSpan.FromHours(8),
            QuickModes = 0,
            NatDetected = true,
            PeerVendorIds = ["MS NT5 ISAKMPOAKLEY (Windows 10)"],
            NatTraversal = NatTraversalVersion.Draft,
            PeerType = "Windows 10",
        });
        var proposal = new QuickModeProposal(new EspProposal(EspTransformId.AesGcm16, 256, null), new AhProposal(AhTransformId.Sha2_256, IpsecAuthenticationAlgorithm.HmacSha2_256), 900, 0);
        monitor.QuickModeSas.Add(new QuickModeSaInfo
        {
            Id = 9,
            Policy = "Default Response",
            Local = new IPEndPoint(IPAddress.Parse("10.1.1.1"), 4500),
            Remote = new IPEndPoint(IPAddress.Parse("203.0.113.9"), 40000),
            LocalTrafficSelector = TrafficSelector.ForSubnet(IPAddress.Parse("10.1.0.0"), 16),
            RemoteTrafficSelector = TrafficSelector.ForHost(IPAddress.Parse("203.0.113.9"), 17, 1701),
            Mode = IpsecMode.Tunnel,
            State = ChildSaState.Rekeying,
            IsInitiator = false,
            Proposal = proposal.ToString(),
            PerfectForwardSecrecy = true,
            InboundSpis = new Dictionary<IpsecProtocol, uint> { [IpsecProtocol.Esp] = 0xc0ffee01, [IpsecProtocol.Ah] = 0x0000abcd },
            OutboundSpis = new Dictionary<IpsecProtocol, uint> { [IpsecProtocol.Esp] = 0x1, [IpsecProtocol.Ah] = 0x2 },
            Installed = Start.AddSeconds(-1000),
            Lifetime = TimeSpan.FromSeconds(900),
            LifetimeKilobytes = 0,
            UdpEncapsulated = true,
            Inbound = default,
            Outbound = default,
            NegotiatedProposal = proposal,
            Encapsulation = new UdpEncapsulation(4500, 40000),
        });
        using var control = new MonitorControl(monitor, clock);

        var mainMode = Assert.Single(control.Call<List<MainModeSa>>(ControlCommands.GetMainModeSa));
        var quickMode = Assert.Single(control.Call<List<QuickModeSa>>(ControlCommands.GetQuickModeSa));
        var statistics = control.Call<IpSecStatistics>(ControlCommands.GetStatistics);

        Assert.Equal(("Connecting", "Responder", true, "Draft", "Windows 10"), (mainMode.State, mainMode.Role, mainMode.NatDetected, mainMode.NatTraversal, mainMode.PeerType));
        Assert.Equal((4500, 40000), (mainMode.LocalPort, mainMode.PeerPort));
        Assert.Null(mainMode.MainModeMethod);
        Assert.Null(mainMode.DHGroup);
        Assert.Null(mainMode.Established);
        Assert.Null(mainMode.SecondsRemaining);
        Assert.Equal(("AH[SHA256]+ESP[AESGCM256,None]", "AH+ESP", "AESGCM256", "None", "SHA256"),
            (quickMode.SecurityMethod, quickMode.Protocol, quickMode.Encryption, quickMode.Integrity, quickMode.AhIntegrity));
        Assert.Equal(("0xc0ffee01", "0x00000001", "0x0000abcd", "0x00000002"), (quickMode.EspInboundSpi, quickMode.EspOutboundSpi, quickMode.AhInboundSpi, quickMode.AhOutboundSpi));
        Assert.Equal(("UdpEncapsulated", 4500, 40000), (quickMode.Encapsulation, quickMode.LocalUdpPort!.Value, quickMode.PeerUdpPort!.Value));
        Assert.Equal(("Tunnel", "Rekeying", "Default Response", true), (quickMode.Mode, quickMode.State, quickMode.Rule, quickMode.PerfectForwardSecrecy));
        Assert.Equal("203.0.113.9 proto 17 port 1701", quickMode.RemoteTrafficSelector);
        Assert.Equal("10.1.0.0/16 proto any port any", quickMode.LocalTrafficSelector);
        Assert.Equal(0L, quickMode.SecondsRemaining);
        Assert.Null(quickMode.KilobytesRemaining);
        Assert.Null(quickMode.LastUsed);
        Assert.Equal((2, 1L, 3L, 4L), (statistics.MainMode.ActiveAcquire, statistics.MainMode.SoftSas, statistics.MainMode.InvalidCookiesReceived, statistics.QuickMode.Rekeys));
    }

    private static KernelSa Sa(uint spi, string source, string destination, CipherAlgorithm? cipher = null, AeadAlgorithm? aead = null, IntegrityAlgorithm? integrity = null, IpsecProtocol protocol = IpsecProtocol.Esp)
    {
        var from = IPAddress.Parse(source);
        var to = IPAddress.Parse(destination);
        return new KernelSa
        {
            Id = new KernelSaId(to, protocol, spi),
            Direction = SaDirection.Outbound,
            Source = from,
            Mode = IpsecMode.Transport,
            Cipher = cipher,
            Aead = aead,
            Integrity = integrity,
            EncryptionKey = new byte[aead?.KeyMaterialSize ?? cipher?.KeySize ?? 0],
            IntegrityKey = new byte[integrity?.KeySize ?? 0],
            LocalTrafficSelector = TrafficSelector.ForHost(from),
            RemoteTrafficSelector = TrafficSelector.ForHost(to),
            ChildSaId = spi,
        };
    }
}
